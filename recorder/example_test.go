package recorder_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing/fstest"
	"time"

	"github.com/httpfixture/httpfixture/fixture"
	"github.com/httpfixture/httpfixture/recorder"
)

// exampleServer starts a server for the examples, which have no
// testing.T; tests use fixture.New.
func exampleServer(files fstest.MapFS) *fixture.Server {
	srv, err := fixture.Start(files,
		fixture.WithLogOutput(io.Discard),
		fixture.WithSysVersion("Python/3.13.0"))
	if err != nil {
		panic(err)
	}
	return srv
}

func get(srv *fixture.Server, path string, header ...string) {
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// A request the test expected never came: the error lists the closest
// ones that did, and how each differs.
func ExampleRecorder_Find() {
	srv := exampleServer(fstest.MapFS{"app.tar.gz": {Data: []byte("...")}})
	defer srv.Close()
	get(srv, "/app.tar.gz", "User-Agent", "updater/1.0")
	get(srv, "/app.tar", "User-Agent", "updater/2.0")

	_, err := srv.Recorder().Find(
		recorder.Method("GET"),
		recorder.Path("/app.tar.gz"),
		recorder.RequestHeader("User-Agent", "updater/2.0"))
	fmt.Println(err)
	// Output:
	// no exchange matched Method("GET"), Path("/app.tar.gz"), RequestHeader("User-Agent", "updater/2.0"); 2 recorded, the closest:
	//
	//   conn 2 #1 "GET /app.tar HTTP/1.1" -> 404
	//     Path("/app.tar.gz"): path is "/app.tar"
	//
	//   conn 1 #1 "GET /app.tar.gz HTTP/1.1" -> 200
	//     RequestHeader("User-Agent", "updater/2.0"): User-Agent is "updater/1.0"
}

// Filter and the matchers select exchanges; a body too large to keep is
// still counted and digested whole.
func ExampleRecorder_Filter() {
	srv := exampleServer(fstest.MapFS{"a.txt": {Data: []byte("alpha\n")}})
	defer srv.Close()
	get(srv, "/a.txt")
	get(srv, "/b.txt")
	get(srv, "/a.txt", "If-Modified-Since", "Sat, 21 Nov 2026 00:00:00 GMT")

	for _, e := range srv.Recorder().Filter(recorder.Path("/a.txt"), recorder.Not(recorder.HasRequestHeader("If-Modified-Since"))) {
		fmt.Printf("%s -> %d, %d bytes, sha256 %x...\n", e.Request.Line, e.Response.Code, e.Response.BodySize, e.Response.BodySHA256[:4])
	}
	fmt.Println(len(srv.Recorder().Filter(recorder.Status(304))), "not modified")
	// Output:
	// GET /a.txt HTTP/1.1 -> 200, 6 bytes, sha256 b6a98d9c...
	// 1 not modified
}

// Wait waits for an exchange a test did not make itself, such as one
// from the client under test running in another goroutine.
func ExampleRecorder_Wait() {
	srv := exampleServer(fstest.MapFS{"ping": {Data: []byte("pong")}})
	defer srv.Close()
	go get(srv, "/ping")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := srv.Recorder().Wait(ctx, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Request.Target, e.Response.Code, string(e.Response.Body))
	// Output:
	// /ping 200 pong
}

// A transcript is the raw exchange, made readable and stable: this is
// what golden files hold (Golden, AssertGolden).
func ExampleTranscript() {
	srv := exampleServer(fstest.MapFS{"hello.txt": {Data: []byte("hello\n")}})
	defer srv.Close()
	get(srv, "/hello.txt")

	fmt.Print(recorder.Transcript(srv.Recorder().Exchanges(), recorder.DefaultNormalizers()...))
	// Output:
	// httpfixture transcript v1
	//
	// === conn 1 seq 1: GET /hello.txt HTTP/1.1
	// client 127.0.0.1:<client-port>
	// server 127.0.0.1:<port>
	// > GET /hello.txt HTTP/1.1
	// > Host: 127.0.0.1:<port>
	// > User-Agent: Go-http-client/1.1
	// >
	// < HTTP/1.0 200 OK
	// < Server: SimpleHTTP/0.6 Python/3.13.0
	// < Date: <date>
	// < Content-type: text/plain
	// < Content-Length: 6
	// < Last-Modified: Sat, 01 Jan 2000 00:00:00 GMT
	// <
	// < hello\n
	// log 127.0.0.1 - - [<date>] "GET /hello.txt HTTP/1.1" 200 -
}

// Exchange.Check says which matchers an exchange fails, and how.
func ExampleExchange_Check() {
	srv := exampleServer(fstest.MapFS{"a.txt": {Data: []byte("alpha\n")}})
	defer srv.Close()
	get(srv, "/a.txt")

	e, _ := srv.Recorder().Last()
	err := e.Check(recorder.Status(200), recorder.ResponseHeader("Content-type", "text/html"))
	fmt.Println(err != nil)
	fmt.Println(recorder.ResponseHeader("Content-type", "text/html"))
	// Output:
	// true
	// ResponseHeader("Content-type", "text/html")
}
