// TEMPORARY STAND-IN — DELETE AT MERGE.
//
// The real decoding stage (Sources/BudgetIntake/Decoding/) is written on another branch.
// This file only declares the same API so that the reader can be built and tested before
// it lands: UTF-8 (with or without BOM), UTF-16 with BOM, and a Latin-1 placeholder for
// "windows-1258" so that the restart path can be exercised. It is deliberately dumb.

import BudgetCore

public enum SourceEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8", utf16LE = "utf-16le", utf16BE = "utf-16be", windows1258 = "windows-1258",
        tcvn3 = "tcvn3"
    public init?(userValue: String) { self.init(rawValue: userValue.lowercased()) }
}

public struct EncodingDetection: Sendable {
    public var encoding: SourceEncoding?
    public var bomLength: Int
    public var findings: [Finding]
    public var isTentative: Bool
}

public enum EncodingDetector {
    public static func detect(
        _ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, requested: SourceEncoding?,
        excludeUTF8: Bool
    ) -> EncodingDetection {
        let b = Array(prefix)
        if b.starts(with: [0xEF, 0xBB, 0xBF]) {
            return EncodingDetection(encoding: .utf8, bomLength: 3, findings: [], isTentative: false)
        }
        if b.starts(with: [0xFF, 0xFE]) {
            return EncodingDetection(encoding: .utf16LE, bomLength: 2, findings: [], isTentative: false)
        }
        if b.starts(with: [0xFE, 0xFF]) {
            return EncodingDetection(encoding: .utf16BE, bomLength: 2, findings: [], isTentative: false)
        }
        if let requested { return EncodingDetection(encoding: requested, bomLength: 0, findings: [], isTentative: false) }
        var validator = UTF8Validator()
        if !excludeUTF8 && validator.validate(prefix, isFinal: isWholeFile) == nil {
            return EncodingDetection(encoding: .utf8, bomLength: 0, findings: [], isTentative: !isWholeFile)
        }
        if b.contains(0) {
            return EncodingDetection(
                encoding: nil, bomLength: 0, findings: [Finding(.unreadableEncoding, value: "NUL")],
                isTentative: false)
        }
        return EncodingDetection(encoding: .windows1258, bomLength: 0, findings: [], isTentative: false)
    }
}

public struct UTF8Validator: Sendable {
    private var pending: [UInt8] = []
    public init() {}
    public mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Int? {
        var i = 0
        var need = 0
        if !pending.isEmpty {
            need = UTF8Validator.length(pending[0]) - pending.count
            while need > 0 && i < chunk.count {
                guard chunk[i] & 0xC0 == 0x80 else { return i }
                pending.append(chunk[i]); i += 1; need -= 1
            }
            if need > 0 { return isFinal ? chunk.count : nil }
            let p = pending + [0x80, 0x80, 0x80]
            if !UTF8Validator.isValid(p[0], p[1], p[2], p[3]) { return 0 }
            pending = []
        }
        guard let p = chunk.baseAddress else { return nil }
        let n = chunk.count
        while i < n {
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                while i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            if lead >= 0xC2 && lead < 0xE0 && i + 1 < n && p[i + 1] & 0xC0 == 0x80 {
                i += 2
                continue
            }
            if lead > 0xE0 && lead < 0xF0 && lead != 0xED && i + 2 < n && p[i + 1] & 0xC0 == 0x80
                && p[i + 2] & 0xC0 == 0x80
            {
                i += 3
                continue
            }
            let need = UTF8Validator.length(lead)
            if need == 0 { return i }
            if i + need > n {
                if isFinal { return i }
                pending = Array(chunk[i...])
                for byte in pending.dropFirst() where byte & 0xC0 != 0x80 { return i }
                return nil
            }
            if !UTF8Validator.isValid(lead, p[i + 1], need > 2 ? p[i + 2] : 0x80, need > 3 ? p[i + 3] : 0x80) {
                return i
            }
            i += need
        }
        return nil
    }
    static func isValid(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Bool {
        guard b & 0xC0 == 0x80, c & 0xC0 == 0x80, d & 0xC0 == 0x80 else { return false }
        switch a {
        case 0xE0: return b >= 0xA0
        case 0xED: return b < 0xA0
        case 0xF0: return b >= 0x90
        case 0xF4: return b < 0x90
        default: return true
        }
    }
    static func length(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }
}

public struct Transcoder: Sendable {
    private let encoding: SourceEncoding
    private var carry: [UInt8] = []
    public init(_ encoding: SourceEncoding) { self.encoding = encoding }
    public mutating func transcode(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    ) -> Int? {
        switch encoding {
        case .utf8:
            output.append(contentsOf: chunk)
            return nil
        case .windows1258, .tcvn3:
            for byte in chunk {
                if byte < 0x80 { output.append(byte) } else { output.append(contentsOf: Array(String(Unicode.Scalar(byte)).utf8)) }
            }
            return nil
        case .utf16LE, .utf16BE:
            let units = carry + Array(chunk)
            let count = units.count / 2
            var codeUnits: [UInt16] = []
            for k in 0..<count {
                let a = UInt16(units[2 * k]), b = UInt16(units[2 * k + 1])
                codeUnits.append(encoding == .utf16LE ? a | b << 8 : a << 8 | b)
            }
            // keep a trailing lone high surrogate for the next chunk
            var keep = units.count % 2
            if !isFinal, let last = codeUnits.last, (0xD800..<0xDC00).contains(last) {
                codeUnits.removeLast(); keep += 2
            }
            carry = Array(units.suffix(keep))
            var invalid: Int? = nil
            transcodeUTF16(codeUnits, into: &output, invalid: &invalid)
            if isFinal && !carry.isEmpty && invalid == nil { invalid = chunk.count - 1 }
            return invalid
        }
    }
    private func transcodeUTF16(_ units: [UInt16], into output: inout [UInt8], invalid: inout Int?) {
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): output.append(contentsOf: Array(String(scalar).utf8))
            case .emptyInput: break loop
            case .error: invalid = 0; break loop
            }
        }
    }
}
