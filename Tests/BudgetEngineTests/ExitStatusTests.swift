import BudgetCore
import Testing

@testable import BudgetEngine

@Suite("Exit statuses")
struct ExitStatusTests {
    @Test("each status has the contract's code")
    func codes() {
        #expect(BudgetEngine.ExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
    }

    @Test(
        "each decision ends submit with its status",
        arguments: [
            (Decision.accepted, BudgetEngine.ExitStatus.done), (.acceptedLate, .done), (.returned, .invalidInput),
            (.refusedLate, .late),
        ])
    func decisions(decision: Decision, status: BudgetEngine.ExitStatus) {
        #expect(decision.exitStatus == status)
    }

    @Test("several outcomes end with the most serious: 4 over 3 over 1 over 0")
    func seriousness() {
        #expect([BudgetEngine.ExitStatus.done, .invalidInput, .late].max() == .late)
        #expect([BudgetEngine.ExitStatus.late, .environment, .done].max() == .environment)
        #expect([BudgetEngine.ExitStatus.done, .invalidInput].max() == .invalidInput)
        #expect(([] as [BudgetEngine.ExitStatus]).max() == nil)
    }
}
