import BudgetCore
import BudgetFormats
import BudgetRules
import BudgetStore
import Foundation

/// What the officer asked `package` to do.
public struct PackageRequest: Sendable {
    public var out: String
    public var zip: Bool
    public var force: Bool
    public var memo: MemoOptions
    /// A folder with edited copies of the layouts (`to-trinh.html`, `bao-cao-tiep-nhan.html`);
    /// a layout missing there is the compiled-in default.
    public var layouts: String?
    /// The XLSX row limit per sheet (tests lower it to exercise splitting).
    public var maxRowsPerSheet: Int

    public init(
        out: String, zip: Bool = false, force: Bool = false, memo: MemoOptions = MemoOptions(), layouts: String? = nil,
        maxRowsPerSheet: Int = 1_048_575
    ) {
        self.out = out
        self.zip = zip
        self.force = force
        self.memo = memo
        self.layouts = layouts
        self.maxRowsPerSheet = maxRowsPerSheet
    }
}

/// One file of the package, as the manifest lists it.
public struct PackageFile: Sendable, Equatable {
    /// The path inside the package folder.
    public var path: String
    /// What it is for: cover-memo, workbook, table-by-agency, table-by-item, table-lines,
    /// intake-report, source.
    public var role: String
    public var sha256: String
    public var bytes: Int
}

/// What `package` wrote.
public struct PackageResult: Sendable {
    public var directory: String
    public var zipPath: String?
    public var files: [PackageFile]
    public var consolidation: Consolidation
    public var generatedAt: Date
    public var clockKind: ClockKind
    public var lineCount: Int
    /// The number of sheets the lines took in the workbook (more than 1 when split).
    public var detailSheets: Int
}

/// Progress of long work, for a terminal.
public struct ProgressEvent: Sendable {
    /// What is being written ("chi-tiet.csv").
    public var item: String
    public var done: Int
    public var total: Int
}

/// `budget package --out DIR`: the package for the Department of Finance.
///
/// Everything is written into a staging folder beside DIR and moved into place at the
/// end, so DIR never holds half a package; `--force` replaces an existing DIR only then.
/// All reads come from one snapshot of the round. The three ways of summing — the lines
/// as they stream, the agencies' totals, the items' totals — must agree, or nothing is
/// written. The same round and clock give byte-identical files, ZIP included.
public struct Package: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(
        _ request: PackageRequest, roundDirectory: String, clock setting: ClockSetting,
        progress: @escaping (ProgressEvent) -> Void = { _ in }
    ) throws(EngineError) -> PackageResult {
        let out = Self.trimmed(request.out)
        let guardian = OutputGuard(fileSystem: fileSystem)
        _ = try guardian.checkFolder(out, force: request.force)
        let zipPath = out + ".zip"
        if request.zip { try guardian.checkFile(zipPath) }
        let layouts = try Layouts.load(from: request.layouts, fileSystem: fileSystem)
        let round = try OpenRound.run(roundDirectory)
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        let parent = OutputGuard.parent(of: out)
        try fileSystem.createDirectory(parent)
        let staging = try fileSystem.makeTemporaryDirectory(in: parent)
        do {
            var result = try round.snapshot {
                let c = try Status.consolidate(round)
                try round.verify(counted: c.counted)
                return try write(
                    c, round: round, into: staging, request: request, layouts: layouts, now: now,
                    clockKind: clock.kind, progress: progress)
            }
            result.directory = out
            // The ZIP is made complete under a temporary name, the folder moved into place,
            // and only then the ZIP renamed: a failure before leaves nothing new, and one
            // at the very end leaves a whole folder and says the ZIP is missing.
            var zipStaging: String? = nil
            if request.zip {
                zipStaging = try fileSystem.writeBeside(zipPath) { sink in
                    try Self.zip(
                        staging, files: result.files, to: sink,
                        modified: DOSDateTime(now, timeZone: round.plan.timeZone))
                }
            }
            do {
                try Self.moveIntoPlace(staging, out, fileSystem: fileSystem)
            } catch {
                if let zipStaging { try? fileSystem.removeTree(zipStaging) }
                throw error
            }
            if let zipStaging {
                do {
                    try fileSystem.rename(zipStaging, to: zipPath)
                } catch {
                    try? fileSystem.removeTree(zipStaging)
                    throw EngineError(
                        .environment,
                        Localized(
                            vi:
                                "đã lập gói hồ sơ trong «\(out)» nhưng không ghi được «\(zipPath)»: \(error.message.vi)",
                            en:
                                "the package is in \"\(out)\" but \"\(zipPath)\" could not be written: \(error.message.en)"
                        ))
                }
                result.zipPath = zipPath
            }
            return result
        } catch {
            try? fileSystem.removeTree(staging)
            throw EngineErrors.from(error)
        }
    }

    /// The path without trailing slashes.
    static func trimmed(_ path: String) -> String {
        var base = path
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Replaces `out` by `staging`: the old folder (if any; an earlier package, checked by
    /// ``OutputGuard``) is moved aside first and removed only after the new one is in place.
    static func moveIntoPlace(_ staging: String, _ out: String, fileSystem: LocalFileSystem) throws(EngineError) {
        if fileSystem.exists(out) {
            let aside = try fileSystem.makeTemporaryDirectory(in: OutputGuard.parent(of: out))
            let old = aside + "/cu"
            try fileSystem.rename(out, to: old)
            try fileSystem.rename(staging, to: out)
            try fileSystem.removeTree(aside)
        } else {
            try fileSystem.rename(staging, to: out)
        }
    }

    /// Writes every file of the package into `dir` and returns what the manifest lists.
    ///
    /// The files are hashed as they are written, on a second thread (``PackageHasher``):
    /// the CSV tables and documents from their bytes on the way out, the workbook read back
    /// once it is complete (its ZIP headers are patched after the data), the sources read
    /// back and checked against their recorded SHA-256. The sources come first, so that
    /// their checking overlaps the tables. The manifest waits for all of it.
    func write(
        _ c: Consolidation, round: Round, into dir: String, request: PackageRequest, layouts: Layouts, now: Date,
        clockKind: ClockKind, progress: @escaping (ProgressEvent) -> Void
    ) throws -> PackageResult {
        let plan = c.plan
        let hasher = PackageHasher()
        /// Files whose digest the hasher computes, with their roles, in writing order.
        var hashed: [(name: String, role: String)] = []
        /// Sources, whose digest was recorded at intake (and is verified by the hasher).
        var sources: [PackageFile] = []
        func path(_ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
        func writeCSV(_ sheet: TableSheet<ClosureRows>, name: String, role: String) throws {
            let file = try HashedFile(path: path(name), name: name, hasher: hasher)
            var output = file
            try CSVWriter.write(sheet, to: &output)
            try file.finish()
            hashed.append((name, role))
        }
        func writeDocument(_ text: String, name: String, role: String?) throws {
            let bytes = Array(text.utf8)
            try fileSystem.writeNewFile(bytes, to: path(name))
            if let role {
                hasher.hash(bytes, name: name)
                hashed.append((name, role))
            }
        }
        let lineTotal = c.counted.reduce(0) { $0 + $1.lineCount }

        // The original bytes of every counted submission, first: the hasher checks each
        // written file against the SHA-256 recorded at intake while the tables are made.
        try fileSystem.createDirectory(path("nguon"))
        for (n, receipt) in c.counted.enumerated() {
            guard let bytes = try round.store.originalBytes(receiptID: receipt.id) else {
                throw Consolidate.inconsistent("receipt \(receipt.id) has no bytes")
            }
            let name = "nguon/" + Self.sourceName(receipt)
            try fileSystem.writeNewFile(bytes, to: path(name))
            hasher.verifyFile(at: path(name), sha256: receipt.sha256, bytes: bytes.count, receipt: receipt.id)
            sources.append(PackageFile(path: name, role: "source", sha256: receipt.sha256, bytes: bytes.count))
            if (n + 1) % 100 == 0 { progress(ProgressEvent(item: "nguon/", done: n + 1, total: c.counted.count)) }
        }

        // The CSV tables by agency and by item, data rows only.
        for kind in [ReportTable.Kind.agencies, .items] {
            let table = ReportTables.table(kind, c, store: round.store)
            try writeCSV(
                try table.sheet(withTotal: false), name: table.fileStem + ".csv",
                role: kind == .agencies ? "table-by-agency" : "table-by-item")
        }

        // The workbook: the four tables with their total rows. Its "Chi tiết" sheet and
        // chi-tiet.csv are written in one pass over the lines: each data row the sheet
        // pulls from the store is pushed to the CSV too, and summed on the way.
        let linesFile = try HashedFile(path: path("chi-tiet.csv"), name: "chi-tiet.csv", hasher: hasher)
        var tally = LineTally(expected: c)
        var done = 0
        /// Set by the lines' observer for a data row, so the total row stays out of the CSV.
        var isDataRow = false
        let lines = ReportTables.lines(c, store: round.store) { id, amount in
            isDataRow = true
            tally.add(id, amount)
            done += 1
            if done % 50_000 == 0 {
                progress(ProgressEvent(item: "chi-tiet.csv, tong-hop.xlsx", done: done, total: lineTotal))
            }
        }
        var linesCSV = CSVRecordWriter(columns: lines.columns, name: lines.name, output: linesFile)
        var pulled = try lines.sheet(withTotal: true)
        let linesSheet = TableSheet(name: pulled.name, columns: pulled.columns) { () throws -> [Cell]? in
            isDataRow = false
            guard let row = try pulled.rows.nextRow() else { return nil }
            if isDataRow { try linesCSV.append(row) }
            return row
        }
        var workbook = XLSXWriter(
            sink: try FileSink(path: path("tong-hop.xlsx")),
            options: XLSXOptions(
                created: now, timeZone: plan.timeZone, title: "Tổng hợp dự toán — \(plan.id)",
                author: plan.consolidator.name, maxRowsPerSheet: request.maxRowsPerSheet))
        for kind in [ReportTable.Kind.agencies, .items, .matrix] {
            _ = try workbook.addSheet(try ReportTables.table(kind, c, store: round.store).sheet(withTotal: true))
        }
        let detail = try workbook.addSheet(linesSheet)
        _ = try workbook.finish()
        try workbook.sink.finish()
        try linesCSV.finish()
        try linesFile.finish()
        try tally.verify()
        hashed.append(("chi-tiet.csv", "table-lines"))
        hasher.hashFile(at: path("tong-hop.xlsx"), name: "tong-hop.xlsx")
        hashed.append(("tong-hop.xlsx", "workbook"))

        // The documents.
        var findings: [Int64: [Finding]] = [:]
        for receipt in c.receipts { findings[receipt.id] = try round.store.findings(receiptID: receipt.id) }
        let chart = SVGBarChart(
            bars: c.agencies.compactMap { a in a.total.map { (label: a.agency.name, value: $0.dong) } }, width: 600
        ).render()
        let memo = PackageDocuments.memo(
            c, findings: findings, now: now, clockKind: clockKind, options: request.memo, chart: chart,
            lineCount: lineTotal, detailSheets: detail.sheetNames.count)
        try writeDocument(try layouts.memo.render(memo), name: "to-trinh.html", role: "cover-memo")
        let report = PackageDocuments.intakeReport(c, findings: findings, now: now, clockKind: clockKind)
        try writeDocument(
            try layouts.intakeReport.render(report), name: "bao-cao-tiep-nhan.html", role: "intake-report")

        // Every digest is in: the manifest lists the files in path order.
        let digests = try hasher.results()
        var files = sources
        for (name, role) in hashed {
            guard let digest = digests[name] else { throw Consolidate.inconsistent("\(name) was not hashed") }
            files.append(PackageFile(path: name, role: role, sha256: digest.sha256, bytes: digest.bytes))
        }
        files.sort { $0.path < $1.path }
        let manifest = PackageManifest.json(
            c, files: files, now: now, clockKind: clockKind, planSHA256: round.planSHA256,
            lineCount: lineTotal)
        try writeDocument(manifest.render() + "\n", name: "manifest.json", role: nil)
        return PackageResult(
            directory: dir, zipPath: nil, files: files, consolidation: c, generatedAt: now, clockKind: clockKind,
            lineCount: lineTotal, detailSheets: detail.sheetNames.count)
    }

    /// `nguon/0003-DPTTH-dai-phat-thanh.txt`: receipt number, agency, the file's name in
    /// ASCII — at most ``maxNameBytes`` bytes, the longest name file systems take: a long
    /// name loses the end of its stem, never the number, the agency or the extension.
    static func sourceName(_ receipt: StoredReceipt) -> String {
        let number = String(receipt.id)
        let padded = String(repeating: "0", count: max(0, 4 - number.count)) + number
        var name = ""
        for ch in Folding.key(receipt.fileName).replacingOccurrences(of: " ", with: "-") {
            name.append(ch.isASCII && (ch.isLetter || ch.isNumber || ch == "." || ch == "-" || ch == "_") ? ch : "-")
        }
        if name.isEmpty || name.hasPrefix(".") { name = "tep" + name }
        let prefix = "\(padded)-\(receipt.agency ?? "KHONG-RO")-"
        var stem = Substring(name)
        var ext = Substring("")
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.distance(from: dot, to: name.endIndex) <= 10
        {
            stem = name[..<dot]
            ext = name[dot...]
        }
        let room = max(1, maxNameBytes - prefix.utf8.count - ext.utf8.count)
        return prefix + String(stem.prefix(room)) + ext
    }

    /// The longest file name most file systems take (ext4, NTFS, APFS), in bytes.
    static let maxNameBytes = 255

    /// The package as one ZIP beside the folder: the manifest first, then the files in
    /// path order, all with the generation time (so the same round and clock give the
    /// same bytes).
    ///
    /// Members are deflated at level 1 (``ZipCompression/fast``), on a second thread while
    /// the next megabyte is read, except the workbook: an `.xlsx` is itself a ZIP of
    /// deflated parts, so it is stored — compressing it again would cost time and save
    /// nothing.
    static func zip(_ dir: String, files: [PackageFile], to sink: FileSink, modified: DOSDateTime) throws {
        var zip = ZipWriter(sink: sink, modified: modified, compressesInBackground: true)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for name in ["manifest.json"] + files.map(\.path) {
            try zip.beginEntry(name, compression: name.hasSuffix(".xlsx") ? .stored : .fast)
            var source = try LocalFileSystem().open((dir as NSString).appendingPathComponent(name))
            defer { source.close() }
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                try buffer.withUnsafeBytes { try zip.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
            try zip.endEntry()
        }
        try zip.finish()
    }
}

/// The third way of summing: the lines as they stream, per receipt and in all.
struct LineTally {
    let expected: [Int64: Money]
    let grand: Money
    var sums: [Int64: Money] = [:]
    var total: Money? = .zero

    init(expected c: Consolidation) {
        var map: [Int64: Money] = [:]
        for r in c.counted { map[r.id] = r.total ?? .zero }
        expected = map
        grand = c.grandTotal
    }

    mutating func add(_ receipt: Int64, _ amount: Money?) {
        let a = amount ?? .zero
        sums[receipt] = (sums[receipt] ?? .zero).adding(a) ?? Money(dong: .min)
        total = total?.adding(a)
    }

    func verify() throws(EngineError) {
        for (id, sum) in expected where (sums[id] ?? .zero) != sum {
            throw Consolidate.inconsistent("receipt \(id): its lines sum to \(sums[id] ?? .zero), its total is \(sum)")
        }
        guard total == grand else {
            throw Consolidate.inconsistent(
                "the lines sum to \(total.map(\.description) ?? "overflow"), the agencies to \(grand)")
        }
    }
}

/// The two editable layouts, parsed.
struct Layouts {
    let memo: Template
    let intakeReport: Template

    static let memoName = "to-trinh.html"
    static let intakeReportName = "bao-cao-tiep-nhan.html"

    /// The compiled-in defaults, or edited copies from `folder`.
    static func load(from folder: String?, fileSystem: LocalFileSystem) throws(EngineError) -> Layouts {
        func one(_ name: String) throws(EngineError) -> Template {
            var source = Bundled.layout(name) ?? ""
            var shown = name
            if let folder {
                let candidate = (folder as NSString).appendingPathComponent(name)
                if fileSystem.exists(candidate) {
                    source = String(decoding: try fileSystem.read(candidate), as: UTF8.self)
                    shown = candidate
                }
            }
            do {
                return try Template(source, name: shown)
            } catch {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "mẫu trình bày «\(shown)» có lỗi: \(error)",
                        en: "the layout \"\(shown)\" has an error: \(error)"))
            }
        }
        if let folder, !fileSystem.isDirectory(folder) {
            throw EngineError(
                .usage, Localized(vi: "không có thư mục mẫu «\(folder)»", en: "no layouts folder \"\(folder)\""))
        }
        return Layouts(memo: try one(memoName), intakeReport: try one(intakeReportName))
    }
}
