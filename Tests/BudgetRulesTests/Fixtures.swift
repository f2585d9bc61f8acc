import BudgetCore
import Foundation
import Testing

@testable import BudgetRules

/// A small Kon Tum plan, the template's columns and line builders, shared by the tests.
enum Fixtures {
    static let svhttdl = Party(code: "SVHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch")
    static let baokt = Party(code: "BAOKT", name: "Báo Kon Tum")
    static let dptth = Party(code: "DPTTH", name: "Đài Phát thanh - Truyền hình tỉnh")

    static let plan: Plan = {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current
        guard let deadline = Deadline("2020-03-10", zone: zone) else {
            preconditionFailure("the fixture deadline parses")
        }
        return Plan(
            id: "kon-tum-2020", title: "Kế hoạch tuyên truyền", reference: nil,
            issuer: "Ủy ban nhân dân tỉnh Kon Tum", place: "Kon Tum",
            consolidator: Party(code: "STTTT", name: "Sở Thông tin và Truyền thông"),
            recipient: Party(code: "STC", name: "Sở Tài chính"), currency: "VND", timeZone: zone,
            deadline: deadline, agencies: [svhttdl, baokt, dptth],
            items: [
                PlanItem(
                    code: "IV.2.a", title: "Cổ động trực quan", agencies: ["SVHTTDL"], cap: Money(dong: 800_000_000)),
                PlanItem(
                    code: "IV.5.a", title: "Phim tài liệu, phóng sự", agencies: ["BAOKT", "DPTTH"],
                    cap: Money(dong: 200_000_000)),
                PlanItem(code: "IV.7", title: "Tài liệu tuyên truyền"),
            ])
    }()

    /// The template's header: STT, Mã nội dung, Nội dung, Đơn vị tính, Số lượng, Đơn giá,
    /// Thành tiền, Ghi chú in columns 1…8.
    static let columns: [ColumnField: ColumnRef] = {
        var columns: [ColumnField: ColumnRef] = [:]
        for (index, field) in ColumnField.allCases.enumerated() {
            columns[field] = ColumnRef(name: field.vietnameseName, number: index + 1)
        }
        return columns
    }()

    static func preamble(_ keyRows: [KeyRow] = [KeyRow(key: .agencyCode, line: 3, value: "BAOKT")]) -> Preamble {
        Preamble(keyRows: keyRows, columns: columns, headerLine: 6)
    }

    static func line(
        _ number: Int, _ code: String, _ description: String = "Phóng sự", quantity: Quantity? = nil,
        price: Int64? = nil, amount: Int64?
    ) -> EstimateLine {
        EstimateLine(
            line: number, itemCode: code, description: description, quantity: quantity,
            unitPrice: price.map { Money(dong: $0) }, amount: amount.map { Money(dong: $0) })
    }

    static func context(agency: Party? = baokt) -> LineContext {
        LineContext(plan: plan, agency: agency, columns: columns)
    }

    /// Runs one line rule on lines in order, as the validator would.
    static func run(_ rule: LineRule, _ lines: [EstimateLine], agency: Party? = baokt) -> [Finding] {
        let context = context(agency: agency)
        var memory = LineMemory()
        var findings: [Finding] = []
        for line in lines {
            rule.check(CheckedLine(line: line, plan: plan), context, &memory, &findings)
        }
        return findings
    }

    /// Runs one file rule on facts built from a report and line sums.
    static func run(
        _ rule: FileRule, report: IntakeReport, lineCount: Int = 1, linesWithoutAmount: Int = 0,
        total: Int64? = 0, totalsByItem: [String: Int64] = [:]
    ) -> [Finding] {
        let facts = FileFacts(
            plan: plan, agency: baokt, report: report, columns: columns, lineCount: lineCount,
            linesWithoutAmount: linesWithoutAmount, total: total.map { Money(dong: $0) },
            totalsByItem: totalsByItem.mapValues { Money(dong: $0) })
        var findings: [Finding] = []
        rule.check(facts, &findings)
        return findings
    }

    /// Validates lines through the whole validator, as the reader would feed it.
    static func validate(
        _ lines: [EstimateLine], preamble: Preamble? = preamble(), flag: String? = nil,
        report: IntakeReport = IntakeReport()
    ) -> Validation {
        var validator = SubmissionValidator(plan: plan, agencyFlag: flag)
        if let preamble { validator.begin(preamble) }
        for line in lines { validator.consume(line) }
        var report = report
        report.preamble = report.preamble ?? preamble
        report.lineCount = lines.count
        return validator.finish(report: report)
    }
}

/// Where a finding is and what it is: what tests assert on, rather than message text.
struct Spot: Hashable, CustomStringConvertible {
    var line: Int?
    var column: Int?
    var code: String

    init(_ line: Int?, _ column: Int?, _ code: FindingCode) {
        self.line = line
        self.column = column
        self.code = code.rawValue
    }

    init(_ finding: Finding) {
        self.init(finding.line, finding.columnNumber, finding.code)
    }

    var description: String { "(\(line.map(String.init) ?? "-"), \(column.map(String.init) ?? "-"), \(code))" }
}

extension Array where Element == Finding {
    var spots: [Spot] { map(Spot.init) }
}

/// Every placeholder of a finding's message and hint is filled, in both languages: the
/// rule passes the arguments the catalogue's templates name. A hint that is only a
/// suggestion may be absent (there is not always one to make).
func expectFullyRendered(_ findings: [Finding], sourceLocation: SourceLocation = #_sourceLocation) {
    for finding in findings {
        #expect(
            FindingCatalogue.entry(finding.code) != nil, "no entry for \(finding.code)", sourceLocation: sourceLocation)
        for language in Language.allCases {
            let message = finding.message(language)
            #expect(!message.contains("{"), "\(finding.code): \(message)", sourceLocation: sourceLocation)
            if let template = FindingCatalogue.entry(finding.code)?.hint(finding.variant),
                template.placeholders(language) != ["suggestion"]
            {
                let hint = finding.hint(language)
                #expect(
                    hint != nil, "\(finding.code): hint \(template.text(language)) lacks a value",
                    sourceLocation: sourceLocation)
            }
        }
    }
}
