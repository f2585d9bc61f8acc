// The normal build's `main`, which does nothing: `swift build` and `swift test` build
// this target like any other. Under `--sanitize=fuzzer` SwiftPM compiles the target with
// `-parse-as-library`, so this file adds no `main` and libFuzzer's own runs
// `LLVMFuzzerTestOneInput` (FuzzEntry.swift). Keep it free of statements.
