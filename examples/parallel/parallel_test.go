// Package parallel shows parallel tests, each with a server of its own:
// fixture.New is cheap (a listener on an ephemeral port), so every
// parallel subtest can start one, serve its own tree, and check a recorder
// that holds its own requests and nobody else's. Each server is closed
// when its subtest ends.
package parallel

import (
	"fmt"
	"io"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/httpfixture/httpfixture/fixture"
	hfstest "github.com/httpfixture/httpfixture/fstest"
	"github.com/httpfixture/httpfixture/recorder"
)

func TestEachSubtestHasItsOwnServer(t *testing.T) {
	for _, tenant := range []string{"alpha", "beta", "gamma", "delta"} {
		t.Run(tenant, func(t *testing.T) {
			t.Parallel()

			// A tree of this subtest's own: /<tenant>/page1.html ... page5.
			var ops []hfstest.Op
			for i := 1; i <= 5; i++ {
				ops = append(ops, hfstest.WithFile(fmt.Sprintf("%s/page%d.html", tenant, i), tenant+"\n"))
			}
			srv := fixture.New(t, hfstest.Map(t, ops...), fixture.WithProtocol("HTTP/1.1"))

			for i := 1; i <= 5; i++ {
				resp, err := srv.Client().Get(fmt.Sprintf("%s/%s/page%d.html", srv.URL, tenant, i))
				assert.NilError(t, err)
				body, err := io.ReadAll(resp.Body)
				assert.NilError(t, err)
				resp.Body.Close()
				assert.Check(t, is.Equal(string(body), tenant+"\n"))
			}

			// Another subtest's file is not in this tree.
			other := "/beta/page1.html"
			if tenant == "beta" {
				other = "/alpha/page1.html"
			}
			resp, err := srv.Client().Get(srv.URL + other)
			assert.NilError(t, err)
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			assert.Check(t, is.Equal(resp.StatusCode, 404))

			// This server saw exactly this subtest's six requests: the
			// other subtests, running at the same time, went to servers
			// of their own. (Their log lines, too, are in their own
			// subtest's output.)
			rec := srv.Recorder()
			assert.Check(t, is.Equal(rec.Len(), 6))
			assert.Check(t, is.Equal(len(rec.Filter(recorder.Path("/"+tenant+"/page*.html"), recorder.Status(200))), 5))
			assert.Check(t, rec.Received(recorder.Path(other), recorder.Status(404)))
		})
	}
}
