// Built normally this file is the target's `main`, and does nothing: `swift build` and
// `swift test` build the target like any other. Under `--sanitize=fuzzer` SwiftPM compiles
// the target with `-parse-as-library`, so this file must hold no statements there (libFuzzer's
// own `main` runs `LLVMFuzzerTestOneInput`, FuzzEntry.swift): the replay tool below only
// exists when built with `-DFUZZ_REPLAY` (see README.md, "Replaying in streaming mode").
// (Even an inactive `#if` block must parse as a library: a declaration, not a call.)
#if FUZZ_REPLAY
    let replay: Never = CorpusReplay.main(Array(CommandLine.arguments.dropFirst()))
#endif
