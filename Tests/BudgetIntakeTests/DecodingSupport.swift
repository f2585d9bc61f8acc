import Foundation
import Testing

@testable import BudgetIntake

/// Encoders that produce the bytes the tests decode: Vietnamese text as Excel and the
/// legacy font encodings would store it. They are written independently of the decoders
/// where it matters (Windows-1258 from the Python-generated table, VNI from its layout),
/// so a round trip is a real check.
enum DecodingEncoders {
    /// The tone marks, which Windows-1258 writes as separate combining bytes.
    static let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]

    /// `text` in Windows-1258 the way Windows converts it: a precomposed byte where the
    /// code page has the letter (à á â ă ê ô ơ ư đ …), else the letter without its tone
    /// followed by the tone's combining byte ("ệ" → ê + 0xF2).
    static func windows1258(_ text: String) -> [UInt8] {
        var inverse: [UInt32: UInt8] = [:]
        for (byte, value) in DecodingExpected.cp1258.enumerated() where value >= 0 {
            inverse[UInt32(value)] = UInt8(byte)
        }
        var bytes: [UInt8] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if let byte = inverse[scalar.value] {
                bytes.append(byte)
                continue
            }
            let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            let tone = parts.first { tones.contains($0.value) }
            let base = String(String.UnicodeScalarView(parts.filter { !tones.contains($0.value) }))
                .precomposedStringWithCanonicalMapping.unicodeScalars
            for part in base { bytes.append(inverse[part.value] ?? 0x3F) }
            if let tone { bytes.append(inverse[tone.value] ?? 0x3F) }
        }
        return bytes
    }

    /// `text` in TCVN3 (VN3). Capitals with a tone have no code: they take the lower-case
    /// code, as with the `.VnTimeH` capital fonts.
    static func tcvn3(_ text: String) -> [UInt8] {
        var inverse: [UInt32: UInt8] = [:]
        for byte in (0xA1...0xFE).reversed() where TCVN3.table[byte] != Windows1258.table[byte] {
            inverse[UInt32(TCVN3.table[byte])] = UInt8(byte)
        }
        var bytes: [UInt8] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else if let byte = inverse[scalar.value] {
                bytes.append(byte)
            } else if let lower = String(scalar).lowercased().unicodeScalars.first,
                let byte = inverse[lower.value]
            {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: windows1258(String(scalar)))
            }
        }
        return bytes
    }

    /// `text` in VNI Windows: base letter, then one byte for shape and tone together.
    static func vni(_ text: String) -> [UInt8] {
        // Lower-case mark bytes by tone (none, sắc, huyền, hỏi, ngã, nặng).
        let plain: [UInt8] = [0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF]
        let circumflex: [UInt8] = [0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4]
        let breve: [UInt8] = [0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB]
        let iLetters: [UInt8] = [0x69, 0xED, 0xEC, 0xE6, 0xF3, 0xF2]
        let toneIndex: [UInt32: Int] = [0x301: 1, 0x300: 2, 0x309: 3, 0x303: 4, 0x323: 5]
        var bytes: [UInt8] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
                continue
            }
            if scalar == "đ" || scalar == "Đ" {
                bytes.append(scalar == "đ" ? 0xF1 : 0xD1)
                continue
            }
            let parts = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = parts.first, base.value < 0x80 else {
                bytes.append(0x3F)
                continue
            }
            let isUpper = base.properties.isUppercase
            let shift: UInt8 = isUpper ? 0x20 : 0
            let tone = parts.compactMap { toneIndex[$0.value] }.first ?? 0
            let marks = Set(parts.dropFirst().map(\.value))
            let letter = String(base).lowercased()
            var out: [UInt8]
            if marks.contains(0x31B) {  // horn: ơ ư are single bytes
                out = [letter == "o" ? 0xF4 : 0xF6]
                if tone > 0 { out.append(plain[tone]) }
            } else if letter == "i" {
                out = [iLetters[tone]]
            } else if letter == "y", tone == 5 {
                out = [0xEE]
            } else if marks.contains(0x302) {
                out = [UInt8(base.value) | 0x20, circumflex[tone]]
            } else if marks.contains(0x306) {
                out = [UInt8(base.value) | 0x20, breve[tone]]
            } else {
                out = [UInt8(base.value) | 0x20]
                if tone > 0 { out.append(plain[tone]) }
            }
            // Capitals: the base letter in upper case, the mark byte 0x20 lower.
            if isUpper {
                out = out.enumerated().map { index, byte in
                    if index == 0, byte < 0x80 { return byte & ~0x20 }
                    return byte >= 0xE0 ? byte - shift : byte
                }
            }
            bytes.append(contentsOf: out)
        }
        return bytes
    }

    /// `text` in UTF-16, optionally with a BOM.
    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes.append(contentsOf: bigEndian ? [high, low] : [low, high])
        }
        return bytes
    }
}

/// Runs decoders over byte arrays.
enum DecodingHarness {
    /// `bytes` through a transcoder in chunks of `chunkSize` (the whole at once when nil):
    /// the text (NFC) or the offset of the first invalid byte in the file.
    static func transcode(
        _ bytes: [UInt8], _ encoding: SourceEncoding, chunkSize: Int? = nil
    ) -> (
        text: String, invalidAt: Int?
    ) {
        var transcoder = Transcoder(encoding)
        var output: [UInt8] = []
        let size = max(1, chunkSize ?? bytes.count)
        var start = 0
        var invalid: Int?
        bytes.withUnsafeBufferPointer { buffer in
            repeat {
                let end = min(bytes.count, start + size)
                let chunk = UnsafeBufferPointer(rebasing: buffer[start..<end])
                if let bad = transcoder.transcode(chunk, isFinal: end == bytes.count, into: &output) {
                    invalid = start + bad
                    return
                }
                start = end
            } while start < bytes.count
        }
        return (String(decoding: output, as: UTF8.self).precomposedStringWithCanonicalMapping, invalid)
    }

    /// The raw UTF-8 output of a transcoder fed in chunks of `chunkSize`.
    static func output(_ bytes: [UInt8], _ encoding: SourceEncoding, chunkSize: Int) -> [UInt8] {
        var transcoder = Transcoder(encoding)
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            repeat {
                let end = min(bytes.count, start + chunkSize)
                if transcoder.transcode(
                    UnsafeBufferPointer(rebasing: buffer[start..<end]), isFinal: end == bytes.count,
                    into: &output) != nil
                {
                    output.append(contentsOf: Array("<invalid>".utf8))
                    return
                }
                start = end
            } while start < bytes.count
        }
        return output
    }

    /// Detection over all of `bytes` (or its first `prefix` bytes).
    static func detect(
        _ bytes: [UInt8], prefix: Int? = nil, requested: SourceEncoding? = nil, excludeUTF8: Bool = false
    ) -> EncodingDetection {
        let count = min(prefix ?? bytes.count, bytes.count)
        return bytes.withUnsafeBufferPointer { buffer in
            EncodingDetector.detect(
                UnsafeBufferPointer(rebasing: buffer[..<count]), isWholeFile: count == bytes.count,
                requested: requested, excludeUTF8: excludeUTF8)
        }
    }

    /// The validator's verdict on `bytes` split at `splits` (offsets), as a file offset.
    static func validate(_ bytes: [UInt8], splits: [Int] = []) -> Int? {
        var validator = UTF8Validator()
        let bounds = [0] + splits + [bytes.count]
        return bytes.withUnsafeBufferPointer { buffer in
            for index in 0..<(bounds.count - 1) {
                let chunk = UnsafeBufferPointer(rebasing: buffer[bounds[index]..<bounds[index + 1]])
                if let bad = validator.validate(chunk, isFinal: index == bounds.count - 2) {
                    return bounds[index] + bad
                }
            }
            return nil
        }
    }
}
