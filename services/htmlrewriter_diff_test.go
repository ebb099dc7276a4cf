package services_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// TestHTMLRewriterDifferential serves testdata/htmlrewriter_diff.js on nanod and on real
// workerd and compares every case: HTMLRewriter output, the tokens handlers see (text chunk
// boundaries included), selector matching and errors, mutations, error names and messages, and
// for direct* cases the rewritten response on the wire.
func TestHTMLRewriterDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	src, err := os.ReadFile("testdata/htmlrewriter_diff.js")
	if err != nil {
		t.Fatal(err)
	}
	path := inline(t, string(src), "")
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)

	var names []string
	resp, err := http.Get(workerd + "/__names")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&names)
	resp.Body.Close()
	if err != nil || len(names) < 50 {
		t.Fatalf("case list: %v (%d names)", err, len(names))
	}
	do := func(base, name string) string {
		resp, err := http.Get(base + "/" + name)
		if err != nil {
			return "failed mid-response" // workerd may not even have sent the headers
		}
		defer resp.Body.Close()
		body, rerr := io.ReadAll(resp.Body)
		var hs []string
		for k, v := range resp.Header {
			switch strings.ToLower(k) {
			case "date", "server":
				continue
			}
			hs = append(hs, strings.ToLower(k)+": "+strings.Join(v, ","))
		}
		sort.Strings(hs)
		// A stream that fails mid-response shows up as a read error; whether any of its bytes
		// got out first is transport detail, so only the failure is compared.
		if rerr != nil {
			return "failed mid-response"
		}
		return fmt.Sprintf("%d %s\n%s", resp.StatusCode, strings.Join(hs, "; "), body)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got, want := do(nanod, name), do(workerd, name)
			if got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}
