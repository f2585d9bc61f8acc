import BudgetCore
import BudgetIntake

/// libFuzzer entry point (see README.md beside this file): runs the reader and the
/// validator on the input (``IntakeHarness/violations(_:)``) and traps if an invariant
/// breaks.
///
/// Built normally the target links a `main` that does nothing, so `swift build` and
/// `swift test` are unaffected; libFuzzer's `main` calls this function only when built
/// with `--sanitize=fuzzer`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntake(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    // Streaming inputs (padded to a megabyte) are too slow here; -1 keeps them out of the
    // corpus. FuzzRegressionTests replays the streaming seeds.
    if FuzzCase.isStreaming(input) { return -1 }
    let problems = IntakeHarness.violations(input)
    precondition(problems.isEmpty, "intake invariant broken:\n" + problems.joined(separator: "\n"))
    return 0
}
