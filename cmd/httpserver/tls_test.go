package main

// tls_test.go: --tls-cert, --tls-key and --tls-password-file. Keys in
// every PEM form, made in Go (and by openssl when it is installed, and
// checked against CPython's load_cert_chain when a CPython is); the
// command serving HTTPS with them; the password file read as CPython 3.14
// reads it.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"hash"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/httpfixture/httpfixture/internal/cpython"
)

const tlsTestPassword = "correct horse"

// tlsFiles are a CA, a server certificate it signed for 127.0.0.1 and
// localhost, and that certificate's key in many forms, as files in dir.
type tlsFiles struct {
	dir   string
	caPEM []byte
	cert  string            // the certificate, then the CA: a chain
	keys  map[string]string // form -> file
}

// writeTLSFiles makes the files; key forms:
//
//	pkcs8         PKCS #8 "PRIVATE KEY"
//	sec1          "EC PRIVATE KEY"
//	legacy        "EC PRIVATE KEY" with Proc-Type: 4,ENCRYPTED (AES-256-CBC)
//	legacy-3des   the same with DES-EDE3-CBC
//	pbes2-aes256  "ENCRYPTED PRIVATE KEY", PBKDF2-HMAC-SHA256, AES-256-CBC
//	pbes2-aes128  the same with HMAC-SHA1 (no PRF written) and AES-128-CBC
//	pbes2-3des    HMAC-SHA256 and DES-EDE3-CBC
//	combined      the certificate chain and the pkcs8 key in one file
//	other         a key of another certificate
func writeTLSFiles(t *testing.T) *tlsFiles {
	t.Helper()
	dir := t.TempDir()
	f := &tlsFiles{dir: dir, keys: map[string]string{}}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true, IsCA: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	f.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "server"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	chain := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), f.caPEM...)
	f.cert = f.write(t, "cert.pem", chain)

	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8PEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})
	f.keys["pkcs8"] = f.write(t, "pkcs8.pem", pkcs8PEM)
	f.keys["sec1"] = f.write(t, "sec1.pem", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}))
	for form, alg := range map[string]x509.PEMCipher{"legacy": x509.PEMCipherAES256, "legacy-3des": x509.PEMCipher3DES} {
		block, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", sec1, []byte(tlsTestPassword), alg) //nolint:staticcheck // the legacy form is what is tested
		if err != nil {
			t.Fatal(err)
		}
		f.keys[form] = f.write(t, form+".pem", pem.EncodeToMemory(block))
	}
	f.keys["pbes2-aes256"] = f.write(t, "pbes2-aes256.pem", encryptPKCS8(t, pkcs8, tlsTestPassword, oidHMACSHA256, sha256.New, oidAES256CBC, 32, aes.NewCipher))
	f.keys["pbes2-aes128"] = f.write(t, "pbes2-aes128.pem", encryptPKCS8(t, pkcs8, tlsTestPassword, nil, sha1.New, oidAES128CBC, 16, aes.NewCipher))
	f.keys["pbes2-3des"] = f.write(t, "pbes2-3des.pem", encryptPKCS8(t, pkcs8, tlsTestPassword, oidHMACSHA256, sha256.New, oidDESEDE3, 24, des.NewTripleDESCipher))
	f.keys["combined"] = f.write(t, "combined.pem", append(append([]byte{}, chain[:len(chain)-len(f.caPEM)]...), append(pkcs8PEM, f.caPEM...)...))
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherDER, _ := x509.MarshalPKCS8PrivateKey(other)
	f.keys["other"] = f.write(t, "other.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: otherDER}))
	return f
}

func (f *tlsFiles) write(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

var oidHMACSHA256 = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}

// encryptPKCS8 is decryptPKCS8 the other way: an "ENCRYPTED PRIVATE KEY"
// block, PBES2 with PBKDF2 (prf nil: HMAC-SHA1, written as the default,
// that is not at all) and a CBC cipher.
func encryptPKCS8(t *testing.T, der []byte, password string, prf asn1.ObjectIdentifier, h func() hash.Hash, enc asn1.ObjectIdentifier, keyLen int, newCipher func([]byte) (cipher.Block, error)) []byte {
	t.Helper()
	salt := make([]byte, 16)
	rand.Read(salt)
	key, err := pbkdf2.Key(h, password, salt, 2048, keyLen)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	iv := make([]byte, b.BlockSize())
	rand.Read(iv)
	n := b.BlockSize() - len(der)%b.BlockSize()
	plain := append(append([]byte{}, der...), bytes.Repeat([]byte{byte(n)}, n)...)
	data := make([]byte, len(plain))
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(data, plain)
	var kdf []byte
	if prf == nil {
		kdf, err = asn1.Marshal(struct {
			Salt []byte
			Iter int
		}{salt, 2048})
	} else {
		kdf, err = asn1.Marshal(struct {
			Salt []byte
			Iter int
			PRF  pkix.AlgorithmIdentifier
		}{salt, 2048, pkix.AlgorithmIdentifier{Algorithm: prf, Parameters: asn1.NullRawValue}})
	}
	if err != nil {
		t.Fatal(err)
	}
	ivDER, _ := asn1.Marshal(iv)
	params, err := asn1.Marshal(pbes2Params{
		KeyDerivationFunc: pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: asn1.RawValue{FullBytes: kdf}},
		EncryptionScheme:  pkix.AlgorithmIdentifier{Algorithm: enc, Parameters: asn1.RawValue{FullBytes: ivDER}},
	})
	if err != nil {
		t.Fatal(err)
	}
	info, err := asn1.Marshal(encryptedPrivateKeyInfo{
		Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: asn1.RawValue{FullBytes: params}},
		Data:      data,
	})
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: info})
}

// loadCase is one load_cert_chain(cert, key, password): key "" for none
// (the key in the certificate file), password nil for none.
type loadCase struct {
	cert, key string
	password  *string
}

func (c loadCase) String() string {
	pw := "no password"
	if c.password != nil {
		pw = fmt.Sprintf("password %q", *c.password)
	}
	return fmt.Sprintf("cert %s, key %s, %s", filepath.Base(c.cert), filepath.Base(c.key), pw)
}

func (c loadCase) load() error {
	var key *string
	if c.key != "" {
		key = &c.key
	}
	_, err := loadKeyPair(c.cert, key, c.password)
	return err
}

func ptr(s string) *string { return &s }

func TestLoadKeyPair(t *testing.T) {
	f := writeTLSFiles(t)
	right, wrong := ptr(tlsTestPassword), ptr("wrong horse")
	tests := []struct {
		c    loadCase
		want string // "" for success, else a part of the error
	}{
		{loadCase{f.cert, f.keys["pkcs8"], nil}, ""},
		{loadCase{f.cert, f.keys["pkcs8"], wrong}, ""}, // not encrypted: the password is not used
		{loadCase{f.cert, f.keys["sec1"], nil}, ""},
		{loadCase{f.keys["combined"], "", nil}, ""},
		{loadCase{f.cert, "", nil}, `--tls-cert "` + f.cert + `": no private key in the file`},
		{loadCase{f.cert, f.keys["other"], nil}, `--tls-key "` + f.keys["other"] + `": the key does not match the certificate of --tls-cert`},
		{loadCase{f.keys["pkcs8"], f.keys["pkcs8"], nil}, "no certificate in the file"},
		{loadCase{filepath.Join(f.dir, "missing.pem"), "", nil}, "no such file or directory"},
		{loadCase{f.cert, filepath.Join(f.dir, "missing.pem"), nil}, `--tls-key "` + filepath.Join(f.dir, "missing.pem") + `": open`},
	}
	for _, form := range []string{"legacy", "legacy-3des", "pbes2-aes256", "pbes2-aes128", "pbes2-3des"} {
		k := f.keys[form]
		tests = append(tests,
			struct {
				c    loadCase
				want string
			}{loadCase{f.cert, k, right}, ""},
			struct {
				c    loadCase
				want string
			}{loadCase{f.cert, k, wrong}, "the password of --tls-password-file does not decrypt the key"},
			struct {
				c    loadCase
				want string
			}{loadCase{f.cert, k, nil}, "the key is encrypted; give its password with --tls-password-file"},
		)
	}
	for _, tt := range tests {
		err := tt.c.load()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.c, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v; want an error with %q", tt.c, err, tt.want)
		}
	}
}

// openssl's own keys: PKCS #8 with PBES2 in its variants, the legacy
// form, and the schemes that are refused by name. When a CPython is
// installed, its load_cert_chain must accept and refuse the same, but for
// those two schemes.
func TestLoadKeyPairOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cert := filepath.Join(dir, "cert.pem")
	keys := map[string]string{}
	key := func(form string) string { keys[form] = filepath.Join(dir, form+".pem"); return keys[form] }
	// req's key: PKCS #8, PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC.
	run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", key("req"), "-out", cert,
		"-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-passout", "pass:"+tlsTestPassword)
	in := keys["req"]
	run("pkcs8", "-topk8", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("pbes2-aes128-sha1"), "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1", "-passout", "pass:"+tlsTestPassword)
	run("pkcs8", "-topk8", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("pbes2-aes192-sha512"), "-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA512", "-passout", "pass:"+tlsTestPassword)
	run("pkcs8", "-topk8", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("pbes2-des3"), "-v2", "des3", "-passout", "pass:"+tlsTestPassword)
	run("pkey", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("plain"))
	run("pkey", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("legacy-aes128"), "-traditional", "-aes128", "-passout", "pass:"+tlsTestPassword)
	run("pkcs8", "-topk8", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("scrypt"), "-scrypt", "-passout", "pass:"+tlsTestPassword)
	if out, err := exec.Command(openssl, "pkcs8", "-topk8", "-in", in, "-passin", "pass:"+tlsTestPassword, "-out", key("pbes1"), "-v1", "PBE-SHA1-3DES", "-passout", "pass:"+tlsTestPassword).CombinedOutput(); err != nil {
		t.Logf("openssl pkcs8 -v1 PBE-SHA1-3DES: %v (OpenSSL without its legacy schemes)\n%s", err, out)
		delete(keys, "pbes1")
	}
	// An RSA key, PKCS #1 legacy-encrypted.
	rsaCert := filepath.Join(dir, "rsa-cert.pem")
	run("req", "-x509", "-newkey", "rsa:2048", "-keyout", key("rsa-pkcs8"), "-out", rsaCert, "-days", "1", "-subj", "/CN=localhost", "-passout", "pass:"+tlsTestPassword)
	run("rsa", "-in", keys["rsa-pkcs8"], "-passin", "pass:"+tlsTestPassword, "-out", key("rsa-legacy"), "-traditional", "-aes256", "-passout", "pass:"+tlsTestPassword)

	unsupported := map[string]string{"scrypt": "PBES2 and scrypt", "pbes1": "a PKCS #12 scheme (1.2.840.113549.1.12.1.3)"}
	var cases []loadCase
	var forms []string
	for form := range keys {
		forms = append(forms, form)
	}
	sort.Strings(forms)
	for _, form := range forms {
		c := cert
		if strings.HasPrefix(form, "rsa") {
			c = rsaCert
		}
		for _, password := range []*string{ptr(tlsTestPassword), ptr("wrong horse"), nil} {
			cases = append(cases, loadCase{c, keys[form], password})
		}
	}
	var got []string
	for _, c := range cases {
		err := c.load()
		form := strings.TrimSuffix(filepath.Base(c.key), ".pem")
		if why, ok := unsupported[form]; ok && c.password != nil && *c.password == tlsTestPassword {
			if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "cannot decrypt") {
				t.Errorf("%s: %v; want it refused, naming %s", c, err, why)
			}
			t.Logf("%s: %v", c, err)
			got = append(got, "unsupported")
			continue
		}
		if err != nil {
			t.Logf("%s: %v", c, err)
		}
		got = append(got, fmt.Sprint(err == nil))
	}
	py, err := cpython.Lookup("3.13")
	if err != nil {
		t.Logf("no CPython to compare with: %v", err)
		return
	}
	want := cpythonLoadCertChain(t, py.Path, cases)
	for i, c := range cases {
		if got[i] != "unsupported" && got[i] != want[i] {
			t.Errorf("%s: loaded %s; CPython's load_cert_chain %s", c, got[i], want[i])
		}
		if got[i] == "unsupported" && want[i] != "true" {
			t.Errorf("%s: CPython refuses it too (%s): no need to name the scheme", c, want[i])
		}
	}
}

// cpythonLoadCertChain runs ssl's load_cert_chain on each case and says
// "true" or "false". No password is a callable that fails, so that
// OpenSSL never asks on a terminal.
func cpythonLoadCertChain(t *testing.T, python string, cases []loadCase) []string {
	t.Helper()
	type pyCase struct {
		Cert     string  `json:"cert"`
		Key      *string `json:"key"`
		Password *string `json:"password"`
	}
	var in []pyCase
	for _, c := range cases {
		pc := pyCase{Cert: c.cert, Password: c.password}
		if c.key != "" {
			pc.Key = ptr(c.key)
		}
		in = append(in, pc)
	}
	b, _ := json.Marshal(in)
	script := `
import json, ssl, sys
def nopassword():
    raise ValueError("no password")
out = []
for c in json.load(sys.stdin):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        pw = c["password"] if c["password"] is not None else nopassword
        ctx.load_cert_chain(c["cert"], c["key"], pw)
        out.append("true")
    except (ssl.SSLError, ValueError, OSError) as e:
        out.append("false")
json.dump(out, sys.stdout)
`
	cmd := exec.Command(python, "-I", "-c", script)
	cmd.Stdin = bytes.NewReader(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", python, err, stderr.String())
	}
	var res []string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// The password file is read as CPython 3.14 reads it: UTF-8 text with
// universal newlines, stripped of Python's whitespace.
func TestTLSPasswordFile(t *testing.T) {
	dir := t.TempDir()
	contents := []string{
		"secret", "secret\n", "secret\r\n", "  spaced out \t\n\n", "a\rb", "a\r\nb\n", "\u00a0x\u3000", "\x1cx\x1f",
		"\ufeffbom", "", "\n", "p\u00e4ss", "\u0085x\u2028",
	}
	var cases [][]string
	var want []string
	expect := []string{
		"'secret'", "'secret'", "'secret'", "'spaced out'", "'a\\nb'", "'a\\nb'", "'x'", "'x'",
		"'\\ufeffbom'", "''", "''", "'päss'", "'x'",
	}
	for i, c := range contents {
		name := filepath.Join(dir, fmt.Sprintf("pw%d", i))
		if err := os.WriteFile(name, []byte(c), 0o600); err != nil {
			t.Fatal(err)
		}
		args := []string{"--tls-cert", "c.pem", "--tls-password-file", name}
		cases = append(cases, args)
		want = append(want, ns("tls_cert='c.pem'", "tls_password_file="+pyRepr(name), "tls_password="+expect[i]))
	}
	for i, args := range cases {
		got := ourCommandLine(nil, args)
		if diff := cmp.Diff(cpythonResult{Stdout: want[i]}, got); diff != "" {
			t.Errorf("password file %q (-want +got):\n%s", contents[i], diff)
		}
	}
	// Not UTF-8: CPython's UnicodeDecodeError is a traceback and exit 1.
	bad := filepath.Join(dir, "latin1")
	os.WriteFile(bad, []byte("p\xe4ss"), 0o600)
	var stdout, stderr bytes.Buffer
	_, code, ok := commandLine([]string{"--tls-cert", "c", "--tls-password-file", bad}, "<cwd>", 78, &stdout, &stderr)
	if ok || code != 1 || !strings.Contains(stderr.String(), "is not UTF-8 text") {
		t.Errorf("a password file in Latin-1: %d, stderr %q; want 1 and a message", code, stderr.String())
	}

	python := findPython(t)
	var pyCases []cpythonCase
	for _, args := range cases {
		pyCases = append(pyCases, newCPythonCase(nil, args))
	}
	var py []cpythonResult
	runCPython(t, python, "command_line", pyCases, &py)
	for i, args := range cases {
		if diff := cmp.Diff(py[i], ourCommandLine(nil, args)); diff != "" {
			t.Errorf("password file %q (-cpython +ours):\n%s", contents[i], diff)
		}
	}
	if os.Getuid() != 0 {
		// A file that cannot be read: [Errno 13] Permission denied.
		locked := filepath.Join(dir, "locked")
		os.WriteFile(locked, []byte("x"), 0)
		args := []string{"--tls-cert", "c", "--tls-password-file", locked}
		runCPython(t, python, "command_line", []cpythonCase{newCPythonCase(nil, args)}, &py)
		if diff := cmp.Diff(py[0], ourCommandLine(nil, args)); diff != "" {
			t.Errorf("unreadable password file (-cpython +ours):\n%s", diff)
		}
	}
}

// httpsLine is 3.14's test() announcing HTTPS.
var httpsLine = regexp.MustCompile(`^Serving HTTPS on 127\.0\.0\.1 port (\d+) \(https://127\.0\.0\.1:(\d+)/\) \.\.\.\n$`)

// The command serving HTTPS: with a separate key, a combined file, and a
// password-protected key of each encrypted form; through Go's client
// trusting the CA, and curl's when it is installed.
func TestServeTLS(t *testing.T) {
	f := writeTLSFiles(t)
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "hello.txt"), []byte("hello\n"), 0o644)
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte(tlsTestPassword+"\n"), 0o600)
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(f.caPEM)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(caFile, f.caPEM, 0o644)
	curl, _ := exec.LookPath("curl")

	for _, tt := range []struct {
		name string
		args []string
	}{
		{"key file", []string{"--tls-cert", f.cert, "--tls-key", f.keys["pkcs8"]}},
		{"combined", []string{"--tls-cert", f.keys["combined"]}},
		{"legacy encrypted", []string{"--tls-cert", f.cert, "--tls-key", f.keys["legacy"], "--tls-password-file", pw}},
		{"PKCS#8 encrypted", []string{"--tls-cert", f.cert, "--tls-key", f.keys["pbes2-aes256"], "--tls-password-file", pw}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := startServing(t, append(tt.args, "-b", "127.0.0.1", "-d", site, "-p", "HTTP/1.1", "0")...)
			if m := httpsLine.FindStringSubmatch(s.stdout.String()); m == nil || m[1] != m[2] {
				t.Errorf("stdout %q; want %q", s.stdout.String(), httpsLine)
			}
			tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, NextProtos: []string{"h2", "http/1.1"}}}
			defer tr.CloseIdleConnections()
			url := "https://127.0.0.1:" + s.port + "/hello.txt"
			resp, err := (&http.Client{Transport: tr}).Get(url)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(body) != "hello\n" || resp.Proto != "HTTP/1.1" || resp.TLS.NegotiatedProtocol != "http/1.1" {
				t.Errorf("GET %s = %s %s %q (ALPN %q)", url, resp.Proto, resp.Status, body, resp.TLS.NegotiatedProtocol)
			}
			if len(resp.TLS.PeerCertificates) != 2 {
				t.Errorf("the server sent %d certificates; want the chain of 2", len(resp.TLS.PeerCertificates))
			}
			if curl != "" {
				out, err := exec.Command(curl, "-sS", "--max-time", "10", "--cacert", caFile, url).CombinedOutput()
				if err != nil || string(out) != "hello\n" {
					t.Errorf("curl --cacert %s: %q, %v", url, out, err)
				}
			}
			if code := s.stop(t, syscall.SIGINT); code != 0 {
				t.Errorf("exit status %d", code)
			}
			if !strings.Contains(s.stderr.String(), `"GET /hello.txt HTTP/1.1" 200 -`) {
				t.Errorf("stderr %q; want the request logged", s.stderr.String())
			}
		})
	}
}

// Certificates and keys that cannot be used stop the command with one
// line and exit status 1 (CPython: a traceback, exit 1), before it
// serves.
func TestServeTLSFailures(t *testing.T) {
	f := writeTLSFiles(t)
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("wrong horse"), 0o600)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--tls-cert", f.cert}, `httpserver: --tls-cert "` + f.cert + `": no private key in the file`},
		{[]string{"--tls-cert", f.cert, "--tls-key", f.keys["legacy"]}, "the key is encrypted; give its password with --tls-password-file"},
		{[]string{"--tls-cert", f.cert, "--tls-key", f.keys["pbes2-aes256"], "--tls-password-file", pw}, "the password of --tls-password-file does not decrypt the key"},
		{[]string{"--tls-cert", f.cert, "--tls-key", f.keys["other"]}, "the key does not match the certificate"},
		{[]string{"--tls-cert", filepath.Join(f.dir, "none.pem")}, "no such file or directory"},
	} {
		stdout, stderr, code := runMain(t, "", append(tt.args, "-b", "127.0.0.1", "0")...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("Main(%q) = %d, stdout %q, stderr %q; want 1, nothing, and one line with %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}
