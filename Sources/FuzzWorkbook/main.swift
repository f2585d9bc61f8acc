// Built normally this file is the target's `main`, and does nothing: `swift build` and
// `swift test` build the target like any other. Under `--sanitize=fuzzer` SwiftPM compiles
// the target with `-parse-as-library`, so this file holds no statements (libFuzzer's own
// `main` runs `LLVMFuzzerTestOneInput`, FuzzEntry.swift).
