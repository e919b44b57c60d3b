package main

// HTTPS: CPython 3.14's --tls-cert, --tls-key and --tls-password-file. The
// flags are parsed with the others (args.go); checkTLSArgs is what 3.14's
// __main__ block does right after parse_args(), and loadTLS is what its
// HTTPSServer does with them: ssl.SSLContext.load_cert_chain(certfile,
// keyfile, password), in Go.

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"os"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/httpfixture/httpfixture/fixture"
	"github.com/httpfixture/httpfixture/internal/pytext"
)

// checkTLSArgs is what CPython 3.14 does after parse_args():
//
//	if not args.tls_cert and args.tls_key:
//	    parser.error("--tls-key requires --tls-cert to be set")
//	tls_key_password = None
//	if args.tls_password_file:
//	    if not args.tls_cert:
//	        parser.error("--tls-password-file requires --tls-cert to be set")
//	    try:
//	        with open(args.tls_password_file, "r", encoding="utf-8") as f:
//	            tls_key_password = f.read().strip()
//	    except OSError as e:
//	        parser.error(f"Failed to read TLS password file: {e}")
//
// An empty --tls-cert counts as none, as it is false to Python. The
// password read goes to opts.tlsPassword. Its errors are usage errors
// (exit 2), but for a file that is not UTF-8, where CPython's
// UnicodeDecodeError ends it with a traceback: an error of another type
// (exit 1).
func checkTLSArgs(opts *options) error {
	cert := opts.tlsCert != nil && *opts.tlsCert != ""
	if !cert && opts.tlsKey != nil && *opts.tlsKey != "" {
		return &usageError{"--tls-key requires --tls-cert to be set"}
	}
	if opts.tlsPasswordFile == nil || *opts.tlsPasswordFile == "" {
		return nil
	}
	name := *opts.tlsPasswordFile
	if !cert {
		return &usageError{"--tls-password-file requires --tls-cert to be set"}
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return &usageError{"Failed to read TLS password file: " + pyOSError(err, name)}
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("--tls-password-file %q: the file is not UTF-8 text, as CPython reads it", name)
	}
	// Text mode's universal newlines, then str.strip().
	s := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
	s = strings.TrimFunc(s, pytext.IsSpace)
	opts.tlsPassword = &s
	return nil
}

// pyOSError is str() of the OSError open() or read() raises for name:
// "[Errno 2] No such file or directory: 'pw.txt'".
func pyOSError(err error, name string) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	msg := errno.Error() // strerror's text, in lower case
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return fmt.Sprintf("[Errno %d] %s: %s", int(errno), msg, pyRepr(name))
}

// loadTLS returns the server's TLS option when --tls-cert is given (and
// not empty): the certificate chain of that file, with the key of
// --tls-key or, without it, the key in the same file, decrypted with the
// password read by checkTLSArgs.
func loadTLS(opts *options) ([]fixture.Option, error) {
	if opts.tlsCert == nil || *opts.tlsCert == "" {
		return nil, nil
	}
	cert, err := loadKeyPair(*opts.tlsCert, opts.tlsKey, opts.tlsPassword)
	if err != nil {
		return nil, err
	}
	return []fixture.Option{fixture.WithTLSCertificate(cert)}, nil
}

// loadKeyPair is load_cert_chain(certFile, keyFile, password): the
// "CERTIFICATE" blocks of certFile, the leaf first, and the first private
// key of keyFile (certFile when keyFile is nil), in any of the PEM forms
// OpenSSL reads but two encryptions (see decryptPKCS8). A key that is
// encrypted and has no password is refused where OpenSSL would ask for it
// on the terminal.
func loadKeyPair(certFile string, keyFile, password *string) (tls.Certificate, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("--tls-cert %q: %v", certFile, err)
	}
	var out tls.Certificate
	var leaf *x509.Certificate
	for rest := certPEM; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" && block.Type != "X509 CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return tls.Certificate{}, fmt.Errorf("--tls-cert %q: certificate %d: %v", certFile, len(out.Certificate)+1, err)
		}
		if leaf == nil {
			leaf = c
		}
		out.Certificate = append(out.Certificate, block.Bytes)
	}
	if leaf == nil {
		return tls.Certificate{}, fmt.Errorf("--tls-cert %q: no certificate in the file (a PEM block \"-----BEGIN CERTIFICATE-----\")", certFile)
	}

	keyFlag, keyName, keyPEM := "--tls-cert", certFile, certPEM
	if keyFile != nil {
		keyFlag, keyName = "--tls-key", *keyFile
		if keyPEM, err = os.ReadFile(keyName); err != nil {
			return tls.Certificate{}, fmt.Errorf("--tls-key %q: %v", keyName, err)
		}
	}
	key, err := readPrivateKey(keyPEM, password)
	if err != nil {
		if keyFile == nil && errors.Is(err, errNoKey) {
			return tls.Certificate{}, fmt.Errorf("--tls-cert %q: %v; give the key's file with --tls-key", certFile, err)
		}
		return tls.Certificate{}, fmt.Errorf("%s %q: %v", keyFlag, keyName, err)
	}
	pub, ok := leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(key.Public()) {
		return tls.Certificate{}, fmt.Errorf("%s %q: the key does not match the certificate of --tls-cert %q", keyFlag, keyName, certFile)
	}
	out.PrivateKey = key
	out.Leaf = leaf
	return out, nil
}

// maxPBKDF2Iterations bounds the work of reading an encrypted key (a
// variable for the fuzz test, which lowers it to keep each run short).
var maxPBKDF2Iterations = 10_000_000

var errNoKey = errors.New(`no private key in the file (a PEM block "-----BEGIN PRIVATE KEY-----" or "-----BEGIN ... PRIVATE KEY-----")`)

// readPrivateKey returns the first private key in data: PKCS#8
// ("PRIVATE KEY"), PKCS#8 encrypted ("ENCRYPTED PRIVATE KEY"), or
// PKCS#1 or SEC 1 ("RSA PRIVATE KEY", "EC PRIVATE KEY"), these last
// possibly with OpenSSL's legacy encryption ("Proc-Type: 4,ENCRYPTED").
func readPrivateKey(data []byte, password *string) (crypto.Signer, error) {
	for rest := data; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			return nil, errNoKey
		}
		if !strings.HasSuffix(block.Type, "PRIVATE KEY") {
			continue
		}
		der, typ := block.Bytes, block.Type
		encrypted := typ == "ENCRYPTED PRIVATE KEY" || x509.IsEncryptedPEMBlock(block) //nolint:staticcheck // OpenSSL's legacy form, which users still have
		if encrypted && password == nil {
			return nil, fmt.Errorf("the key is encrypted; give its password with --tls-password-file (CPython would ask for it on the terminal)")
		}
		legacy := encrypted && typ != "ENCRYPTED PRIVATE KEY"
		var err error
		switch {
		case typ == "ENCRYPTED PRIVATE KEY":
			if der, err = decryptPKCS8(der, *password); err != nil {
				return nil, err
			}
			typ = "PRIVATE KEY"
		case legacy:
			der, err = x509.DecryptPEMBlock(block, []byte(*password)) //nolint:staticcheck // as above
			if err != nil {
				return nil, errWrongPassword
			}
		}
		key, err := parsePrivateKey(typ, der)
		if err != nil && legacy {
			return nil, errWrongPassword // the encryption cannot always tell
		}
		return key, err
	}
}

var errWrongPassword = errors.New("the password of --tls-password-file does not decrypt the key")

// parsePrivateKey parses a key of a PEM block of type typ, trying the
// other forms when the type says none of them.
func parsePrivateKey(typ string, der []byte) (crypto.Signer, error) {
	parsers := map[string]func([]byte) (any, error){
		"PRIVATE KEY":     x509.ParsePKCS8PrivateKey,
		"RSA PRIVATE KEY": func(b []byte) (any, error) { return x509.ParsePKCS1PrivateKey(b) },
		"EC PRIVATE KEY":  func(b []byte) (any, error) { return x509.ParseECPrivateKey(b) },
	}
	var key any
	var err error
	if p, ok := parsers[typ]; ok {
		key, err = p(der)
	} else {
		err = fmt.Errorf("a %q block is no key Go's TLS can use (RSA, ECDSA or Ed25519)", typ)
		for _, name := range []string{"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"} {
			if k, perr := parsers[name](der); perr == nil {
				key, err = k, nil
				break
			}
		}
	}
	if err != nil {
		return nil, err
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("a %T is no key Go's TLS can use (RSA, ECDSA or Ed25519)", key)
	}
	return signer, nil
}

// Object identifiers of PKCS #5 (RFC 8018) and its neighbours.
var (
	oidPBES2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidScrypt    = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11591, 4, 11}
	oidPKCS5PBE  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5}     // PBES1: .3, .6, .10, .11
	oidPKCS12PBE = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1} // pbeWithSHAAnd...: .1 to .6
	oidDESEDE3   = asn1.ObjectIdentifier{1, 2, 840, 113549, 3, 7}
	oidAES128CBC = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
)

// The PRFs of PBKDF2: HMAC with SHA-1 (the default) or SHA-2.
var pbkdf2PRFs = map[string]func() hash.Hash{
	"1.2.840.113549.2.7":  sha1.New,
	"1.2.840.113549.2.8":  sha256.New224,
	"1.2.840.113549.2.9":  sha256.New,
	"1.2.840.113549.2.10": sha512.New384,
	"1.2.840.113549.2.11": sha512.New,
}

type encryptedPrivateKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Data      []byte
}

type pbes2Params struct {
	KeyDerivationFunc pkix.AlgorithmIdentifier
	EncryptionScheme  pkix.AlgorithmIdentifier
}

type pbkdf2Params struct {
	Salt           []byte
	IterationCount int
	KeyLength      int                      `asn1:"optional"`
	PRF            pkix.AlgorithmIdentifier `asn1:"optional"`
}

// decryptPKCS8 decrypts an EncryptedPrivateKeyInfo (RFC 5958) as OpenSSL
// writes it by default (openssl genpkey -aes256, openssl pkcs8 -topk8):
// PBES2 with PBKDF2 (HMAC-SHA-1 or SHA-2) and AES-CBC or 3DES-CBC. It
// names what it cannot decrypt: scrypt, and PBES1 and PKCS #12's schemes
// (openssl pkcs8 -v1, or OpenSSL 1.0's default), for which Go's standard
// library has no parts.
func decryptPKCS8(der []byte, password string) ([]byte, error) {
	var info encryptedPrivateKeyInfo
	if rest, err := asn1.Unmarshal(der, &info); err != nil || len(rest) > 0 {
		return nil, fmt.Errorf("the encrypted key cannot be read: not PKCS #8 (%v)", err)
	}
	alg := info.Algorithm.Algorithm
	unsupported := func(what string) error {
		return fmt.Errorf("the key is encrypted with %s, which httpserver cannot decrypt: "+
			"re-encrypt it with PBKDF2 and AES (openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out NEW) or decrypt it (openssl pkey -in KEY -out NEW)", what)
	}
	switch {
	case alg.Equal(oidPBES2):
	case len(alg) == len(oidPKCS5PBE)+1 && alg[:len(oidPKCS5PBE)].Equal(oidPKCS5PBE):
		return nil, unsupported(fmt.Sprintf("PKCS #5 v1.5's PBES1 (%v)", alg))
	case len(alg) == len(oidPKCS12PBE)+1 && alg[:len(oidPKCS12PBE)].Equal(oidPKCS12PBE):
		return nil, unsupported(fmt.Sprintf("a PKCS #12 scheme (%v)", alg))
	default:
		return nil, unsupported(fmt.Sprintf("the scheme %v", alg))
	}
	var params pbes2Params
	if _, err := asn1.Unmarshal(info.Algorithm.Parameters.FullBytes, &params); err != nil {
		return nil, fmt.Errorf("the encrypted key cannot be read: PBES2 parameters: %v", err)
	}
	kdf := params.KeyDerivationFunc.Algorithm
	switch {
	case kdf.Equal(oidPBKDF2):
	case kdf.Equal(oidScrypt):
		return nil, unsupported("PBES2 and scrypt")
	default:
		return nil, unsupported(fmt.Sprintf("PBES2 and the key derivation %v", kdf))
	}
	var kp pbkdf2Params
	if _, err := asn1.Unmarshal(params.KeyDerivationFunc.Parameters.FullBytes, &kp); err != nil {
		return nil, fmt.Errorf("the encrypted key cannot be read: PBKDF2 parameters: %v", err)
	}
	prf := sha1.New
	if len(kp.PRF.Algorithm) > 0 {
		var ok bool
		if prf, ok = pbkdf2PRFs[kp.PRF.Algorithm.String()]; !ok {
			return nil, unsupported(fmt.Sprintf("PBKDF2 and the PRF %v", kp.PRF.Algorithm))
		}
	}
	var block func([]byte) (cipher.Block, error)
	var keyLen int
	enc := params.EncryptionScheme.Algorithm
	switch {
	case enc.Equal(oidAES128CBC):
		block, keyLen = aes.NewCipher, 16
	case enc.Equal(oidAES192CBC):
		block, keyLen = aes.NewCipher, 24
	case enc.Equal(oidAES256CBC):
		block, keyLen = aes.NewCipher, 32
	case enc.Equal(oidDESEDE3):
		block, keyLen = des.NewTripleDESCipher, 24
	default:
		return nil, unsupported(fmt.Sprintf("PBES2 and the cipher %v", enc))
	}
	if kp.KeyLength != 0 && kp.KeyLength != keyLen {
		return nil, fmt.Errorf("the encrypted key cannot be read: a %d-byte key for a %d-byte cipher", kp.KeyLength, keyLen)
	}
	var iv []byte
	if _, err := asn1.Unmarshal(params.EncryptionScheme.Parameters.FullBytes, &iv); err != nil {
		return nil, fmt.Errorf("the encrypted key cannot be read: the cipher's IV: %v", err)
	}
	// OpenSSL writes 2048; password managers up to about a million. A
	// count past maxPBKDF2Iterations would keep the command busy for
	// minutes before it serves.
	if kp.IterationCount < 1 || kp.IterationCount > maxPBKDF2Iterations {
		return nil, fmt.Errorf("the encrypted key cannot be read: PBKDF2 iteration count %d", kp.IterationCount)
	}
	key, err := pbkdf2.Key(prf, password, kp.Salt, kp.IterationCount, keyLen)
	if err != nil {
		return nil, fmt.Errorf("deriving the key's key: %v", err)
	}
	b, err := block(key)
	if err != nil {
		return nil, err
	}
	if len(iv) != b.BlockSize() || len(info.Data) == 0 || len(info.Data)%b.BlockSize() != 0 {
		return nil, fmt.Errorf("the encrypted key cannot be read: its IV or data do not fit the cipher")
	}
	plain := make([]byte, len(info.Data))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(plain, info.Data)
	// PKCS #7 padding; wrong padding is the usual sign of a wrong password.
	n := int(plain[len(plain)-1])
	if n == 0 || n > b.BlockSize() {
		return nil, errWrongPassword
	}
	for _, p := range plain[len(plain)-n:] {
		if int(p) != n {
			return nil, errWrongPassword
		}
	}
	plain = plain[:len(plain)-n]
	// A PrivateKeyInfo: a SEQUENCE, exactly, that starts with its version.
	// Whether Go can use the key is parsePrivateKey's question.
	var seq asn1.RawValue
	var version int
	if rest, err := asn1.Unmarshal(plain, &seq); err != nil || len(rest) > 0 || seq.Tag != asn1.TagSequence || !seq.IsCompound {
		return nil, errWrongPassword
	}
	if _, err := asn1.Unmarshal(seq.Bytes, &version); err != nil {
		return nil, errWrongPassword
	}
	return plain, nil
}
