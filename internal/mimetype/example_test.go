package mimetype_test

import (
	"fmt"

	"github.com/httpfixture/httpfixture/internal/mimetype"
)

func ExampleTable_GuessType() {
	py313, _ := mimetype.For("3.13")
	for _, path := range []string{"/srv/index.html", "/srv/a.tar.gz", "/srv/a.tgz", "/srv/notes.md", "/srv/.bashrc"} {
		fmt.Printf("%-16s %s\n", path, py313.GuessType(path, nil))
	}
	py312, _ := mimetype.For("3.12")
	fmt.Printf("3.12: %s\n", py312.GuessType("/srv/notes.md", nil))
	fmt.Printf("extensions_map {}: %s\n", py313.GuessType("/srv/a.tar.gz", map[string]string{}))
	// Output:
	// /srv/index.html  text/html
	// /srv/a.tar.gz    application/gzip
	// /srv/a.tgz       application/x-tar
	// /srv/notes.md    text/markdown
	// /srv/.bashrc     application/octet-stream
	// 3.12: application/octet-stream
	// extensions_map {}: application/x-tar
}
