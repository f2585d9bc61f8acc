import BudgetCore
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
