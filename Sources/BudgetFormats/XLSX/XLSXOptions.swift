import Foundation

/// How ``XLSXWriter`` writes a workbook.
public struct XLSXOptions: Sendable {
    /// The most rows a worksheet may hold in Excel, header included.
    public static let excelMaxRows = 1_048_576
    /// The most columns a worksheet may hold in Excel (A…XFD).
    public static let excelMaxColumns = 16_384
    /// The most characters (UTF-16 code units) a cell may hold in Excel.
    public static let excelMaxCellText = 32_767

    /// The creation time recorded in the document properties and on every ZIP entry; from
    /// the injected clock, so the same input gives the same bytes.
    public var created: Date
    /// The zone of the ZIP entries' wall-clock times (DOS times carry no zone).
    public var timeZone: TimeZone
    /// The document title (File ▸ Properties), if any.
    public var title: String?
    /// The author recorded in the document properties, if any.
    public var author: String?
    /// The application name recorded in the document properties.
    public var application: String
    /// Data rows per worksheet before the table continues on a new sheet; clamped to
    /// 1…1 048 575 (Excel's limit less the header row).
    public var maxRowsPerSheet: Int
    /// Whether the header row stays visible while scrolling.
    public var freezeHeader: Bool
    /// Whether the header row is printed on every page.
    public var repeatHeaderOnPrint: Bool
    /// The font of every cell.
    public var fontName: String
    public var fontSize: Int
    /// How the workbook's parts are kept in its ZIP: deflated at level 1 by default, which
    /// makes a 1 000 000-line sheet about a tenth of its XML (and faster to write than the
    /// XML itself, since the disk sees a tenth of the bytes); ``ZipCompression/stored``
    /// for readers that inspect the bytes.
    public var compression: ZipCompression
    /// Whether the worksheets are checksummed and compressed on a second thread while the
    /// next rows are encoded (``ZipWriter/compressesInBackground``). Same bytes either way;
    /// on by default, since a large sheet otherwise spends about a third of its time in
    /// zlib.
    public var compressesInBackground: Bool
    /// Whether every cell carries its `r` reference (`r="C7"`). Off by default: ECMA-376
    /// makes it optional and Excel, LibreOffice and openpyxl infer it from the cell's
    /// place, so it is written only after a left-out cell. On for a reader that insists
    /// (some older third-party libraries did).
    public var explicitCellReferences: Bool

    public init(
        created: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current, title: String? = nil,
        author: String? = nil, application: String = "budget", maxRowsPerSheet: Int = excelMaxRows - 1,
        freezeHeader: Bool = true, repeatHeaderOnPrint: Bool = true, fontName: String = "Times New Roman",
        fontSize: Int = 12, compression: ZipCompression = .fast, compressesInBackground: Bool = true,
        explicitCellReferences: Bool = false
    ) {
        self.created = created
        self.timeZone = timeZone
        self.title = title
        self.author = author
        self.application = application
        self.maxRowsPerSheet = maxRowsPerSheet
        self.freezeHeader = freezeHeader
        self.repeatHeaderOnPrint = repeatHeaderOnPrint
        self.fontName = fontName
        self.fontSize = fontSize
        self.compression = compression
        self.compressesInBackground = compressesInBackground
        self.explicitCellReferences = explicitCellReferences
    }

    /// ``maxRowsPerSheet`` within what Excel can open.
    var effectiveMaxRows: Int { min(max(1, maxRowsPerSheet), XLSXOptions.excelMaxRows - 1) }
}
