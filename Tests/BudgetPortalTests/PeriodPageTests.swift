import BudgetCore
import BudgetEngine
import Foundation
import Testing

@testable import BudgetPortal

/// The portal on a round of one period of a recurring plan (Bắc Ninh, February 2020).
@Suite("The portal on a round of a period")
struct PeriodPageTests {
    @Test("every page names the period beside that period's deadline")
    func periodBesideDeadline() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("budget-portal-period-\(UUID())")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let round = directory + "/thang-02"
        let opened = ClockSetting(simulated: ISOTime.parse("2020-02-03T08:00:00"))
        _ = try InitRound().run(directory: round, planPath: "bac-ninh-2020", period: "2020-02", clock: opened)
        let issued = try IssueAccess().run(.allAgencies, roundDirectory: round, clock: opened)
        let code = try #require(issued.issued.first { $0.subject == "BTGDUK" }?.code)
        let f = try Fixture(now: "2020-02-10T09:00:00+07:00", round: round)
        let b = f.browser()
        #expect(try b.request(.get, "/").status == 200)
        #expect(try b.form("/sign-in", [("code", code)]).status == 303)
        let home = try b.request(.get, "/agency")
        #expect(home.status == 200)
        #expect(home.text.contains("23:59:59 ngày 20/02/2020 (kỳ tháng 02/2020)"), "\(home.text.prefix(2000))")
        _ = try b.request(.get, "/lang/en?next=/agency")
        let english = try b.request(.get, "/agency")
        #expect(english.text.contains("20/02/2020 23:59:59 (February 2020)"), "\(english.text.prefix(2000))")
    }
}
