package fstest

// MakeRemovable is Dir's cleanup, for the tests of package fstest_test.
var MakeRemovable = makeRemovable
