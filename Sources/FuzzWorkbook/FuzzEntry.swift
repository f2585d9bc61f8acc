import FuzzWorkbookHarness

/// libFuzzer entry point (see README.md beside this file): runs the whole intake on the
/// input as a workbook (``WorkbookHarness/violations(_:)``) and traps if an invariant
/// breaks.
///
/// Built normally the target links a `main` that does nothing, so `swift build` and
/// `swift test` are unaffected; libFuzzer's `main` calls this function only when built
/// with `--sanitize=fuzzer`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // A raw input that no longer starts like a ZIP is read as CSV text (FuzzIntake's
    // ground): run, but kept out of the corpus.
    let isWorkbook = WorkbookFuzzCase(input: input).isWorkbook
    let problems = WorkbookHarness.violations(input)
    precondition(problems.isEmpty, "workbook intake invariant broken:\n" + problems.joined(separator: "\n"))
    return isWorkbook ? 0 : -1
}
