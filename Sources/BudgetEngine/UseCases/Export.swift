import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation

/// The formats `export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, xlsx, html, json, md
}

/// Where a command writes its result: standard output, or a file (`-o FILE`).
public enum OutputTarget: Sendable, Equatable {
    case standardOutput
    case file(String)

    /// `-o` as given: absent or `-` is standard output.
    public init(_ option: String?) {
        if let option, option != "-" { self = .file(option) } else { self = .standardOutput }
    }
}

/// The separator of an exported CSV: a comma for programs (RFC 4180), a semicolon for the
/// file a Vietnamese-locale Excel opens by double-click, or a tab.
public enum ExportSeparator: Sendable, Equatable {
    case comma, semicolon, tab

    var csv: CSVOptions.Separator {
        switch self {
        case .comma: .comma
        case .semicolon: .semicolon
        case .tab: .tab
        }
    }
}

/// What the officer asked `export` to write.
public struct ExportRequest: Sendable {
    public var what: ReportTable.Kind
    public var format: ExportFormat
    /// The CSV separator (`;` for a Vietnamese-locale Excel double-click).
    public var separator: ExportSeparator
    public var output: OutputTarget
    /// `--compare OTHER-ROUND`: the folder of another round of the same plan, whose
    /// figures the sheet sets beside this round's (``RoundComparison``); `agencies` and
    /// `items` only.
    public var compare: String?

    public init(
        what: ReportTable.Kind, format: ExportFormat, separator: ExportSeparator = .comma,
        output: OutputTarget = .standardOutput, compare: String? = nil
    ) {
        self.what = what
        self.format = format
        self.separator = separator
        self.output = output
        self.compare = compare
    }
}

/// `budget export --what TABLE --format F [-o FILE]`: one summary sheet on demand.
///
/// The round passes its checks first (``Round/verify(counted:)``), in the snapshot the
/// sheet is read from. A file is written beside its target and renamed into place, after
/// ``OutputGuard`` has refused anything that is not a regular file or lies in a round.
public struct Export: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Writes the table to the request's output; standard output goes to `standardOutput`.
    public func run(
        _ request: ExportRequest, roundDirectory: String, clock setting: ClockSetting,
        standardOutput: (([UInt8]) -> Void)
    ) throws(EngineError) {
        if case .file(let path) = request.output { try OutputGuard(fileSystem: fileSystem).checkFile(path) }
        if let other = request.compare {
            return try compare(
                request, with: other, roundDirectory: roundDirectory, clock: setting, standardOutput: standardOutput)
        }
        let round = try OpenRound.run(roundDirectory)
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        // The page checks start on the other core while the round is consolidated.
        let checks = round.store.startChecks()
        try round.snapshot {
            let consolidation = try round.consolidation()
            // The lines' table reads every counted file and checks its SHA-256 as it does.
            try round.verify(counted: consolidation.counted, linesFollow: request.what == .lines, checks: checks)
            let forPaper = request.format == .xlsx || request.format == .html
            let table = ReportTables.table(request.what, consolidation, store: round.store, forPaper: forPaper)
            let layout = ReportTables.titled(table, plan: round.plan, now: now, clockKind: clock.kind)
            try deliver(table, request, plan: round.plan, now: now, layout: layout, standardOutput: standardOutput)
        }
    }

    /// Writes `table` as the request says: to standard output, or beside the target file
    /// and renamed into place.
    func deliver(
        _ table: ReportTable, _ request: ExportRequest, plan: Plan, now: Date, layout: PrintLayout,
        standardOutput: (([UInt8]) -> Void)
    ) throws {
        switch request.output {
        case .standardOutput:
            var sink = BufferSink()
            try Self.write(
                table, format: request.format, separator: request.separator.csv, plan: plan, now: now,
                layout: layout, to: &sink)
            standardOutput(sink.bytes)
        case .file(let path):
            try fileSystem.replaceFile(at: path) { file in
                var sink = file
                try Self.write(
                    table, format: request.format, separator: request.separator.csv, plan: plan, now: now,
                    layout: layout, to: &sink)
            }
        }
    }

    /// Writes `table` in `format`; XLSX and HTML print with `layout` (title block, A4,
    /// column blocks), the other formats are data only.
    static func write(
        _ table: ReportTable, format: ExportFormat, separator: CSVOptions.Separator, plan: Plan, now: Date,
        layout: PrintLayout, to output: inout some ByteSink
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
            let landscape = layout.resolvedOrientation(columnCount: table.columns.count) == .landscape
            let document = HTMLDocument(
                title: "\(table.name) — \(plan.id)" + PeriodText.pageSuffix(plan), landscape: landscape)
            try HTMLTableWriter.write(try table.sheet(withTotal: true, layout: layout), document: document, to: &output)
        case .xlsx:
            var writer = XLSXWriter(
                sink: output,
                options: XLSXOptions(
                    created: now, timeZone: plan.timeZone, title: table.name, author: plan.consolidator.name))
            _ = try writer.addSheet(try table.sheet(withTotal: true, layout: layout))
            _ = try writer.finish()
            output = writer.sink
        }
    }
}
