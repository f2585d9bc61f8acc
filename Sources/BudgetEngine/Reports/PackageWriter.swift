import BudgetCore
import BudgetFormats
import BudgetStore
import Foundation

/// Writes every file of the package into a folder and returns what the manifest lists:
/// the sources, the two summary CSVs, the workbook with the lines' CSV, the two documents,
/// the manifest — one step each, in that order.
///
/// The files are hashed as they are written, on a second thread (``PackageHasher``): the
/// CSV tables and documents from their bytes on the way out, the workbook read back once
/// it is complete (its ZIP headers are patched after the data), the sources read back and
/// checked against their recorded SHA-256. The sources come first, so that their checking
/// overlaps the tables. The manifest waits for all of it.
struct PackageWriter {
    let consolidation: Consolidation
    let round: Round
    let directory: String
    let request: PackageRequest
    let layouts: Layouts
    let now: Date
    let clockKind: ClockKind
    let fileSystem: LocalFileSystem
    let progress: (ProgressEvent) -> Void

    private let hasher = PackageHasher()
    /// Files whose digest the hasher computes, with their roles, in writing order.
    private var hashed: [(name: String, role: String)] = []
    /// Sources, whose digest was recorded at intake (and is verified by the hasher).
    private var sources: [PackageFile] = []

    init(
        consolidation: Consolidation, round: Round, directory: String, request: PackageRequest, layouts: Layouts,
        now: Date, clockKind: ClockKind, fileSystem: LocalFileSystem, progress: @escaping (ProgressEvent) -> Void
    ) {
        self.consolidation = consolidation
        self.round = round
        self.directory = directory
        self.request = request
        self.layouts = layouts
        self.now = now
        self.clockKind = clockKind
        self.fileSystem = fileSystem
        self.progress = progress
    }

    /// The number of lines that count.
    var lineCount: Int { consolidation.counted.reduce(0) { $0 + $1.lineCount } }

    mutating func write() throws -> PackageResult {
        try writeSources()
        try writeSummaryTables()
        let detailSheets = try writeWorkbookAndLines()
        try writeDocuments(detailSheets: detailSheets)
        let files = try writeManifest()
        return PackageResult(
            directory: directory, zipPath: nil, files: files, consolidation: consolidation, generatedAt: now,
            clockKind: clockKind, lineCount: lineCount, detailSheets: detailSheets)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The original bytes of every counted submission, first: the hasher checks each
    /// written file against the SHA-256 recorded at intake while the tables are made.
    private mutating func writeSources() throws {
        let counted = consolidation.counted
        try fileSystem.createDirectory(path("nguon"))
        for (n, receipt) in counted.enumerated() {
            guard let bytes = try round.store.originalBytes(receiptID: receipt.id) else {
                throw Consolidate.inconsistent("receipt \(receipt.id) has no bytes")
            }
            let name = "nguon/" + SourceName.name(receipt)
            try fileSystem.writeNewFile(bytes, to: path(name))
            hasher.verifyFile(at: path(name), sha256: receipt.sha256, bytes: bytes.count, receipt: receipt.id)
            sources.append(PackageFile(path: name, role: "source", sha256: receipt.sha256, bytes: bytes.count))
            if (n + 1) % 100 == 0 { progress(ProgressEvent(item: "nguon/", done: n + 1, total: counted.count)) }
        }
    }

    /// The CSV tables by agency and by item, data rows only.
    private mutating func writeSummaryTables() throws {
        for kind in [ReportTable.Kind.agencies, .items] {
            let table = ReportTables.table(kind, consolidation, store: round.store)
            let name = table.fileStem + ".csv"
            let file = try HashedFile(path: path(name), name: name, hasher: hasher)
            var output = file
            try CSVWriter.write(try table.sheet(withTotal: false), to: &output)
            try file.finish()
            hashed.append((name, kind == .agencies ? "table-by-agency" : "table-by-item"))
        }
    }

    /// The workbook: the four tables with their total rows. Its "Chi tiết" sheet and
    /// chi-tiet.csv are written in one pass over the lines: each data row the sheet pulls
    /// from the store is pushed to the CSV too (written on its own thread), and summed on
    /// the way (the third way of summing, ``LineTally``). Returns how many sheets the lines
    /// took.
    private mutating func writeWorkbookAndLines() throws -> Int {
        let c = consolidation
        let plan = c.plan
        let total = lineCount
        let linesFile = try HashedFile(path: path("chi-tiet.csv"), name: "chi-tiet.csv", hasher: hasher)
        var tally = LineTally(expected: c)
        var done = 0
        /// Set by the lines' observer for a data row, so the total row stays out of the CSV.
        var isDataRow = false
        let progress = self.progress
        let lines = ReportTables.lines(c, store: round.store) { id, amount in
            isDataRow = true
            tally.add(id, amount)
            done += 1
            if done % 50_000 == 0 {
                progress(ProgressEvent(item: "chi-tiet.csv, tong-hop.xlsx", done: done, total: total))
            }
        }
        var linesCSV = CSVRecordWriter(columns: lines.columns, name: lines.name, output: linesFile)
        // The CSV is written on its own thread, beside the sheet (BackgroundConsumer).
        let csvRows = BackgroundConsumer<[Cell]> { try linesCSV.append($0) }
        defer { csvRows.cancel() }
        var pulled = try lines.sheet(withTotal: true)
        let linesLayout = ReportTables.titled(lines, plan: plan, now: now, clockKind: clockKind)
        let linesSheet = TableSheet(name: pulled.name, columns: pulled.columns, layout: linesLayout) {
            () throws -> [Cell]? in
            isDataRow = false
            guard let row = try pulled.rows.nextRow() else { return nil }
            if isDataRow { try csvRows.send(row) }
            return row
        }
        var workbook = XLSXWriter(
            sink: try FileSink(path: path("tong-hop.xlsx")),
            options: XLSXOptions(
                created: now, timeZone: plan.timeZone, title: "Tổng hợp dự toán — \(plan.id)",
                author: plan.consolidator.name, maxRowsPerSheet: request.maxRowsPerSheet))
        for kind in [ReportTable.Kind.agencies, .items, .matrix] {
            let table = ReportTables.table(kind, c, store: round.store, forPaper: true)
            let layout = ReportTables.titled(table, plan: plan, now: now, clockKind: clockKind)
            _ = try workbook.addSheet(try table.sheet(withTotal: true, layout: layout))
        }
        let detail = try workbook.addSheet(linesSheet)
        _ = try workbook.finish()
        try workbook.sink.finish()
        try csvRows.finish()
        try linesCSV.finish()
        try linesFile.finish()
        try tally.verify()
        hashed.append(("chi-tiet.csv", "table-lines"))
        hasher.hashFile(at: path("tong-hop.xlsx"), name: "tong-hop.xlsx")
        hashed.append(("tong-hop.xlsx", "workbook"))
        return detail.sheetNames.count
    }

    /// The cover memo and the intake report, from the editable layouts.
    private mutating func writeDocuments(detailSheets: Int) throws {
        let c = consolidation
        var findings: [Int64: [Finding]] = [:]
        for receipt in c.receipts { findings[receipt.id] = try round.store.findings(receiptID: receipt.id) }
        let chart = SVGBarChart(
            bars: c.agencies.compactMap { a in a.total.map { (label: a.agency.name, value: $0.dong) } }, width: 600
        ).render()
        let memo = PackageDocuments.memo(
            c, findings: findings, now: now, clockKind: clockKind, options: request.memo, chart: chart,
            lineCount: lineCount, detailSheets: detailSheets)
        try writeDocument(try layouts.memo.render(memo), name: "to-trinh.html", role: "cover-memo")
        let report = PackageDocuments.intakeReport(c, findings: findings, now: now, clockKind: clockKind)
        try writeDocument(
            try layouts.intakeReport.render(report), name: "bao-cao-tiep-nhan.html", role: "intake-report")
    }

    /// Every digest is in: the manifest lists the files in path order. Returns them.
    private mutating func writeManifest() throws -> [PackageFile] {
        let digests = try hasher.results(roundDirectory: round.directory)
        var files = sources
        for (name, role) in hashed {
            guard let digest = digests[name] else { throw Consolidate.inconsistent("\(name) was not hashed") }
            files.append(PackageFile(path: name, role: role, sha256: digest.sha256, bytes: digest.bytes))
        }
        files.sort { $0.path < $1.path }
        let manifest = PackageManifest.json(
            consolidation, files: files, now: now, clockKind: clockKind, planSHA256: round.planSHA256,
            lineCount: lineCount)
        try writeDocument(manifest.render() + "\n", name: "manifest.json", role: nil)
        return files
    }

    /// A document written whole; hashed for the manifest when it has a role.
    private mutating func writeDocument(_ text: String, name: String, role: String?) throws {
        let bytes = Array(text.utf8)
        try fileSystem.writeNewFile(bytes, to: path(name))
        if let role {
            hasher.hash(bytes, name: name)
            hashed.append((name, role))
        }
    }
}
