import BudgetCore
import BudgetIntake

/// One fuzz input split into how to read it and what to read.
///
/// The first byte chooses the options so that the fuzzer explores them as it explores
/// the bytes; the rest is the file. An empty input is an empty file read with the
/// defaults.
///
/// | bits of byte 0 | meaning |
/// |---|---|
/// | 0–2 | `--encoding`: 1–5 select ``SourceEncoding/allCases`` in order; 0, 6, 7 none (detect) |
/// | 3–4 | limits: 0 the defaults; 1 small (64-byte fields, 8 columns, 50 rows); 2 a 512-byte file; 3 both, with a 4 KiB file |
/// | 5–6 | `--agency`: 0 none; 1 `BAOKT`; 2 `STTTT`; 3 a code the plan does not have |
/// | 7 | streaming: the file is padded past the reader's first chunk (see ``paddedPastFirstChunk(_:requested:inFirstChunk:)``) |
///
/// In streaming mode byte 1 is consumed too: it says how many bytes of the file proper
/// fall inside the first chunk. Streaming inputs cost a megabyte per read — seconds in the
/// debug, address-sanitised fuzz build, past libFuzzer's `-timeout=5` — so the fuzz entry
/// point skips them and only `swift test` replays them (the hand-written seeds and
/// reproducers that need a chunk boundary).
public struct FuzzCase: Sendable, Equatable {
    /// The file name every report finding must carry.
    public static let fileName = "fuzz.csv"

    public var requestedEncoding: SourceEncoding?
    public var limits: IntakeLimits
    public var agencyFlag: String?
    /// Whether ``file`` was padded past the first chunk.
    public var isStreaming: Bool
    /// The bytes to read.
    public var file: [UInt8]
    /// The file before any streaming padding: the same text, without the blank lines.
    public var content: [UInt8]

    public var options: IntakeOptions {
        IntakeOptions(fileName: FuzzCase.fileName, requestedEncoding: requestedEncoding, limits: limits)
    }

    /// Whether `input` asks for streaming mode (bit 7 of its first byte).
    public static func isStreaming(_ input: [UInt8]) -> Bool { (input.first ?? 0) & 0x80 != 0 }

    /// Decodes a fuzz input.
    ///
    /// Complexity: O(n), plus the padding in streaming mode (one chunk).
    public init(input: [UInt8]) {
        let mode = input.first ?? 0
        var rest = input.isEmpty ? [] : Array(input[1...])

        let encodingIndex = Int(mode & 0x07)
        requestedEncoding =
            (1...SourceEncoding.allCases.count).contains(encodingIndex)
            ? SourceEncoding.allCases[encodingIndex - 1] : nil

        switch (mode >> 3) & 0x03 {
        case 1: limits = IntakeLimits(maxFieldBytes: 64, maxColumns: 8, maxRows: 50)
        case 2: limits = IntakeLimits(maxFileBytes: 512)
        case 3: limits = IntakeLimits(maxFileBytes: 4096, maxFieldBytes: 64, maxColumns: 8, maxRows: 50)
        default: limits = IntakeLimits()
        }

        switch (mode >> 5) & 0x03 {
        case 1: agencyFlag = "BAOKT"
        case 2: agencyFlag = "STTTT"
        case 3: agencyFlag = "KHONGCO"
        default: agencyFlag = nil
        }

        isStreaming = FuzzCase.isStreaming(input)
        if isStreaming {
            let inFirstChunk = Int(rest.first ?? 0)
            if !rest.isEmpty { rest.removeFirst() }
            file = FuzzCase.paddedPastFirstChunk(rest, requested: requestedEncoding, inFirstChunk: inFirstChunk)
        } else {
            file = rest
        }
        content = rest
    }

    /// `file` with blank lines inserted after its first line (or its byte-order mark) so
    /// that the rest of it starts `inFirstChunk` bytes (rounded to a code unit) before the
    /// end of the reader's first chunk.
    ///
    /// Inputs the fuzzer writes are at most one chunk long, so without this the reader's
    /// streaming paths — decoding and scanning across chunk boundaries, and starting over
    /// when bytes after the first chunk prove a tentatively UTF-8 file is not UTF-8 —
    /// would never run. The blank lines are in the file's own code unit width (UTF-16
    /// when asked for or announced by a BOM) so that they decode as blank lines.
    static func paddedPastFirstChunk(_ file: [UInt8], requested: SourceEncoding?, inFirstChunk: Int) -> [UInt8] {
        let newline: [UInt8]
        var start = 0
        if file.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if requested == .utf16LE || (requested == nil && file.starts(with: [0xFF, 0xFE])) {
            newline = [0x0A, 0x00]
        } else if requested == .utf16BE || (requested == nil && file.starts(with: [0xFE, 0xFF])) {
            newline = [0x00, 0x0A]
        } else {
            newline = [0x0A]
        }
        if newline.count == 2 && (file.starts(with: [0xFF, 0xFE]) || file.starts(with: [0xFE, 0xFF])) { start = 2 }

        // Keep the first line above the padding, so the separator and the BOM stay first.
        var keep = start
        var index = start
        while index + newline.count <= file.count {
            if file[index..<(index + newline.count)].elementsEqual(newline) {
                keep = index + newline.count
                break
            }
            index += newline.count
        }
        let target = SubmissionReader.chunkSize - inFirstChunk - keep
        guard target > 0 else { return file }
        let units = target / newline.count
        var padded: [UInt8] = []
        padded.reserveCapacity(file.count + units * newline.count)
        padded += file[..<keep]
        padded += blankLines(units, newline)
        padded += file[keep...]
        return padded
    }

    /// `count` copies of the one- or two-byte `newline`, written as a block (the padding
    /// is a megabyte, built for every streaming input).
    private static func blankLines(_ count: Int, _ newline: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count * newline.count) { buffer, initialized in
            if newline.count == 1 {
                buffer.initialize(repeating: newline[0])
            } else {
                let word = UInt16(littleEndian: UInt16(newline[0]) | UInt16(newline[1]) << 8)
                UnsafeMutableRawBufferPointer(buffer).withMemoryRebound(to: UInt16.self) {
                    $0.initialize(repeating: word)
                }
            }
            initialized = count * newline.count
        }
    }
}
