package services

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/isolate"
)

// diskService serves a directory as workerd's disk service does: GET/HEAD of files
// (application/octet-stream) and directories (a JSON listing), PUT and DELETE when writable,
// dotfiles hidden unless allowed. File I/O runs off the loop; results come back as tasks.
type diskService struct {
	name          string
	root          string
	writable      bool
	allowDotfiles bool
}

func newDiskService(s *config.Service) (Service, error) {
	root, err := filepath.Abs(s.Disk.Path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("Directory named %q not found: %s", s.Name, root)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("Directory named %q is not a directory: %s", s.Name, root)
	}
	return &diskService{name: s.Name, root: root, writable: s.Disk.Writable, allowDotfiles: s.Disk.AllowDotfiles}, nil
}

func (d *diskService) Name() string { return d.name }

// resolve maps a URL path to a file under the root, refusing dot segments and hidden names.
func (d *diskService) resolve(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", false
	}
	p := u.Path
	parts := strings.Split(strings.Trim(p, "/"), "/")
	clean := []string{d.root}
	for _, part := range parts {
		if part == "" {
			continue
		}
		if part == "." || part == ".." || strings.ContainsRune(part, 0) || strings.Contains(part, "/") {
			return "", false
		}
		if strings.HasPrefix(part, ".") && !d.allowDotfiles {
			return "", false
		}
		clean = append(clean, part)
	}
	return filepath.Join(clean...), true
}

func (d *diskService) Fetch(l *isolate.Loop, req *isolate.Request, sink isolate.ResponseSink) {
	path, ok := d.resolve(req.URL)
	if !ok {
		if req.Body != nil {
			req.Body.Close()
		}
		respondStatus(sink, 404)
		return
	}
	switch req.Method {
	case "GET", "HEAD":
		if req.Body != nil {
			req.Body.Close()
		}
		go d.get(l, path, req.Method == "HEAD", sink)
	case "PUT":
		if !d.writable {
			respondStatus(sink, 405)
			return
		}
		body := io.Reader(strings.NewReader(""))
		if req.Body != nil {
			body = &loopBody{l: l, src: req.Body}
		}
		go d.put(l, path, body, sink)
	case "DELETE":
		if !d.writable {
			respondStatus(sink, 405)
			return
		}
		go func() {
			err := os.RemoveAll(path)
			l.Post(func() {
				if err != nil {
					respondStatus(sink, 500)
				} else {
					respondStatus(sink, 204)
				}
			})
		}()
	default:
		if req.Body != nil {
			req.Body.Close()
		}
		respondStatus(sink, 405)
	}
}

func respondStatus(sink isolate.ResponseSink, status int) {
	sink.Start(status, "", nil)
	sink.End(nil)
}

type dirEntry struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

func (d *diskService) get(l *isolate.Loop, path string, head bool, sink isolate.ResponseSink) {
	st, err := os.Stat(path)
	if err != nil {
		l.Post(func() { respondStatus(sink, 404) })
		return
	}
	switch {
	case st.IsDir():
		entries, err := os.ReadDir(path)
		if err != nil {
			l.Post(func() { respondStatus(sink, 500) })
			return
		}
		list := []dirEntry{}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") && !d.allowDotfiles {
				continue
			}
			list = append(list, dirEntry{Name: e.Name(), Type: fileType(e.Type())})
		}
		body, _ := json.Marshal(list)
		l.Post(func() {
			sink.Start(200, "OK", [][2]string{{"content-type", "application/json"}, {"content-length", strconv.Itoa(len(body))}})
			if head {
				sink.End(nil)
				return
			}
			sink.Write(body, func(error) {})
			sink.End(nil)
		})
	case st.Mode().IsRegular():
		hdr := [][2]string{{"content-type", "application/octet-stream"}, {"content-length", strconv.FormatInt(st.Size(), 10)},
			{"last-modified", st.ModTime().UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT")}}
		if head {
			l.Post(func() { sink.Start(200, "OK", hdr); sink.End(nil) })
			return
		}
		f, err := os.Open(path)
		if err != nil {
			l.Post(func() { respondStatus(sink, 404) })
			return
		}
		l.Post(func() { sink.Start(200, "OK", hdr) })
		pumpBody(l, f, sink)
	default:
		l.Post(func() { respondStatus(sink, 406) })
	}
}

func fileType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m.IsRegular():
		return "file"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "characterDevice"
	case m&fs.ModeDevice != 0:
		return "blockDevice"
	}
	return "other"
}

// put writes the body to a temporary file and renames it into place, so readers never see a
// partial file.
func (d *diskService) put(l *isolate.Loop, path string, body io.Reader, sink isolate.ResponseSink) {
	fail := func(status int) { l.Post(func() { respondStatus(sink, status) }) }
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fail(500)
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nanod-put-*")
	if err != nil {
		fail(500)
		return
	}
	_, err = io.Copy(tmp, body)
	cerr := tmp.Close()
	if err != nil || cerr != nil {
		os.Remove(tmp.Name())
		fail(500)
		return
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		fail(500)
		return
	}
	fail(204)
}
