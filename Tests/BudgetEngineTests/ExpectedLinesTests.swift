import BudgetIntake
import Testing

@testable import BudgetEngine

@Suite("Expected lines from the file size")
struct ExpectedLinesTests {
    @Test("a guess only for files of a mebibyte or more within the size limit, at most the row limit")
    func guess() {
        let limits = IntakeLimits()
        #expect(SubmissionCheck.expectedLines(byteCount: 0, limits: limits) == 0)
        #expect(SubmissionCheck.expectedLines(byteCount: 500_000, limits: limits) == 0)
        #expect(
            SubmissionCheck.expectedLines(byteCount: 110_000_000, limits: IntakeLimits(maxFileBytes: 1 << 30))
                == 1_100_000)
        #expect(SubmissionCheck.expectedLines(byteCount: 110_000_000, limits: limits) == 0, "beyond the size limit")
        #expect(
            SubmissionCheck.expectedLines(byteCount: 60_000_000, limits: IntakeLimits(maxRows: 1_000)) == 1_000,
            "at most the row limit")
    }
}
