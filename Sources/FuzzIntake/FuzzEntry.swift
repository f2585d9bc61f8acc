import BudgetCore
import BudgetIntake

/// libFuzzer entry point; see the README ("Fuzzing"). Built normally it does nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntake(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    return 0
}
