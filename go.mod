module github.com/httpfixture/httpfixture

go 1.25

require (
	github.com/google/go-cmp v0.7.0
	gotest.tools/v3 v3.5.2
)
