/// Which cell styles show a number as a date or a time, from `xl/styles.xml`.
///
/// A cell's `s` attribute indexes `<cellXfs>`; each `<xf numFmtId>` names a built-in
/// format or one of `<numFmts>`. A date cell holds a serial number; read as an amount it
/// would be a number of đồng, so the workbook reader writes it as ISO text
/// (``CellNumber``) and the number reader refuses it where a number belongs.
struct CellStyles: Equatable {
    /// What a style's number format shows of a serial number.
    struct DateKind: OptionSet, Equatable {
        let rawValue: UInt8
        static let date = DateKind(rawValue: 1)
        static let time = DateKind(rawValue: 2)
    }

    /// By style index; styles past the end show numbers as numbers.
    private(set) var kinds: [DateKind] = []

    init() {}

    init(kinds: [DateKind]) { self.kinds = kinds }

    /// The date kind of style `index`; empty for numbers.
    @inline(__always)
    func kind(_ index: Int) -> DateKind { index >= 0 && index < kinds.count ? kinds[index] : [] }

    /// Reads the styles part.
    static func read(_ archive: ZipArchive, _ entry: ZipEntry, cap: Int) throws(WorkbookProblem) -> CellStyles {
        var custom: [Int: DateKind] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        var inNumFmts = false
        try XMLPart.scan(archive, entry, cap: cap) { token, scanner throws(WorkbookProblem) in
            switch token {
            case .start:
                if scanner.isNamed("cellXfs") {
                    inCellXfs = !scanner.isEmptyElement
                } else if scanner.isNamed("numFmts") {
                    inNumFmts = !scanner.isEmptyElement
                } else if inCellXfs, scanner.isNamed("xf") {
                    formats.append(Int(try scanner.string("numFmtId") ?? "0") ?? 0)
                } else if inNumFmts, scanner.isNamed("numFmt"), let id = Int(try scanner.string("numFmtId") ?? "") {
                    custom[id] = dateKind(ofFormat: Array((try scanner.string("formatCode") ?? "").utf8))
                }
            case .end:
                if scanner.isNamed("cellXfs") { inCellXfs = false }
                if scanner.isNamed("numFmts") { inNumFmts = false }
            case .text, .done:
                break
            }
        }
        return CellStyles(kinds: formats.map { custom[$0] ?? builtIn($0) })
    }

    /// The built-in formats that show dates or times (ECMA-376 §18.8.30, and the East
    /// Asian ids Excel also treats as dates).
    static func builtIn(_ id: Int) -> DateKind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 18...21, 32, 33, 45...47: return .time
        case 22: return [.date, .time]
        default: return []
        }
    }

    /// Whether a format code shows a date (d, y, or m without h or s) or a time (h, s,
    /// [h], AM/PM), ignoring quoted text, escaped characters, `_x` and `*x`, and bracketed
    /// colours and locales; only the first section counts. ("General" and the exponent of
    /// "0.00E+00" hold none of these letters.)
    static func dateKind(ofFormat code: [UInt8]) -> DateKind {
        var kind: DateKind = []
        var sawMonthOrMinute = false
        var k = 0
        while k < code.count {
            let byte = code[k] | 0x20
            switch code[k] {
            case 0x22:  // "…"
                k += 1
                while k < code.count && code[k] != 0x22 { k += 1 }
            case 0x5C, 0x5F, 0x2A:  // \x  _x  *x
                k += 1
            case 0x3B:  // ; ends the first section
                k = code.count
                continue
            case 0x5B:  // [h] [mm] [ss] are elapsed time; other brackets are colours, locales
                var close = k + 1
                while close < code.count && code[close] != 0x5D { close += 1 }
                let inside = code[(k + 1)..<min(close, code.count)].map { $0 | 0x20 }
                if !inside.isEmpty, inside.allSatisfy({ $0 == 0x68 || $0 == 0x6D || $0 == 0x73 }) { kind.insert(.time) }
                k = close
            default:
                switch byte {
                case 0x64, 0x79: kind.insert(.date)  // d y
                case 0x68, 0x73: kind.insert(.time)  // h s
                case 0x6D: sawMonthOrMinute = true  // m
                case 0x61:  // AM/PM
                    if code.count - k >= 5, code[k..<(k + 5)].map({ $0 | 0x20 }) == Array("am/pm".utf8) {
                        kind.insert(.time)
                    }
                default: break
                }
            }
            k += 1
        }
        // "m" is minutes next to hours or seconds, else months.
        if sawMonthOrMinute && !kind.contains(.time) { kind.insert(.date) }
        return kind
    }
}
