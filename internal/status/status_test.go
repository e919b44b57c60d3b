package status

import "testing"

func TestTables(t *testing.T) {
	for _, v := range Versions() {
		tab, ok := For(v)
		if !ok || len(tab) != 62 {
			t.Fatalf("For(%q) = %d entries, %v; want 62, true", v, len(tab), ok)
		}
	}
	if _, ok := For("2.7"); ok {
		t.Errorf("For(%q) found a table; want none", "2.7")
	}
	tests := []struct {
		v           string
		code        int
		short, long string
	}{
		{"3.13", 404, "Not Found", "Nothing matches the given URI"},
		{"3.13", 414, "URI Too Long", "URI is too long"},
		{"3.12", 414, "Request-URI Too Long", "URI is too long"},
		{"3.13", 422, "Unprocessable Content", ""},
		{"3.13", 999, "???", "???"},
		{"3.13", 102, "Processing", ""},
	}
	for _, tt := range tests {
		tab, _ := For(tt.v)
		short, long := tab.Texts(tt.code)
		if short != tt.short || long != tt.long {
			t.Errorf("For(%q).Texts(%d) = %q, %q; want %q, %q", tt.v, tt.code, short, long, tt.short, tt.long)
		}
	}
	tab, _ := For("3.13")
	if got := tab.Phrase(999); got != "" {
		t.Errorf("Phrase(999) = %q; want empty", got)
	}
}
