package main

import (
	"encoding/pem"
	"testing"
)

// FuzzDecryptPKCS8 feeds decryptPKCS8, the hand-written reader of
// encrypted PKCS#8 keys (ASN.1 parameters, PBKDF2, CBC padding), any DER
// and password: it must fail cleanly, never panic. readPrivateKey is
// driven too, through a PEM block of the same bytes.
func FuzzDecryptPKCS8(f *testing.F) {
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x00}, "pw")
	f.Add([]byte("not der"), "")
	maxPBKDF2Iterations = 100_000 // a mutated count must not stall the fuzzer
	f.Fuzz(func(t *testing.T, der []byte, password string) {
		decryptPKCS8(der, password)
		for _, typ := range []string{"ENCRYPTED PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"} {
			readPrivateKey(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), &password)
		}
	})
}
