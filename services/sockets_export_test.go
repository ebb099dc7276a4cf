package services

import "crypto/x509"

// SetConnectRootCAsForTest makes TLS sockets trust pool (nil = the system's); it returns a
// function that restores the previous pool.
func SetConnectRootCAsForTest(pool *x509.CertPool) func() {
	old := connectRootCAs
	connectRootCAs = pool
	return func() { connectRootCAs = old }
}
