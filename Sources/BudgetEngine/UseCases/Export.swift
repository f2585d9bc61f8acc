import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation

/// The formats `export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, html, json, md
}

/// `budget export --what TABLE --format F`: one summary sheet on demand.
public struct Export: Sendable {
    public init() {}

    /// Writes the table to `output` (a file sink or standard output).
    ///
    /// - Parameters:
    ///   - separator: the CSV separator (`;` for a Vietnamese-locale Excel double-click).
    public func run(
        roundDirectory: String, what: ReportTable.Kind, format: ExportFormat, separator: CSVOptions.Separator,
        clock setting: ClockSetting, to output: inout some ByteSink
    ) throws(EngineError) {
        let round = try OpenRound.run(roundDirectory)
        let clock = setting.provider(zone: round.plan.timeZone)
        try round.snapshot {
            let consolidation = try Status.consolidate(round)
            let table = ReportTables.table(what, consolidation, store: round.store)
            try Self.write(table, format: format, separator: separator, plan: round.plan, now: clock.now(), to: &output)
        }
    }

    static func write(
        _ table: ReportTable, format: ExportFormat, separator: CSVOptions.Separator, plan: Plan, now: Date,
        to output: inout some ByteSink
    ) throws {
        switch format {
        case .csv:
            try CSVWriter.write(
                try table.sheet(withTotal: false), to: &output, options: CSVOptions(separator: separator))
        case .json:
            try JSONArrayWriter.write(try table.sheet(withTotal: false), keys: table.keys, to: &output)
        case .md:
            try MarkdownTableWriter.write(try table.sheet(withTotal: true), to: &output)
        case .html:
            let landscape = table.kind == .matrix || table.kind == .lines
            let document = HTMLDocument(title: "\(table.name) — \(plan.id)", landscape: landscape)
            let lead = [plan.title, "Lập lúc " + ISOTime.human(now, in: plan.timeZone, .vi)]
            try HTMLTableWriter.write(try table.sheet(withTotal: true), document: document, lead: lead, to: &output)
        case .xlsx:
            var writer = XLSXWriter(
                sink: output, options: XLSXOptions(created: now, timeZone: plan.timeZone, title: table.name))
            _ = try writer.addSheet(try table.sheet(withTotal: true))
            _ = try writer.finish()
            output = writer.sink
        }
    }
}
