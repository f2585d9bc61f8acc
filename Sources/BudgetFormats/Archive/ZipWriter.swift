/// How a ZIP entry keeps its bytes.
public enum ZipCompression: Sendable, Hashable {
    /// As they are (method 0): for data that is already compressed (an `.xlsx` inside the
    /// package ZIP) and for tiny entries.
    case stored
    /// Raw DEFLATE through the system's zlib (method 8), `level` 1 (fastest) … 9
    /// (smallest), clamped. See ``fast`` for the level the writers use.
    case deflated(level: Int)

    /// The writers' choice: level 1. Measured on the package's 1 000 000-line sheet XML,
    /// level 1 runs at about 260 MB/s and gives 12.4 MB per 100 MB; level 3, 190 MB/s
    /// and 11.3 MB; level 6 (zlib's default), 72 MB/s and 9.7 MB. Past level 2 each
    /// percent saved costs far more time than writing the extra bytes does.
    public static var fast: ZipCompression { .deflated(level: 1) }

    /// The method field: 0 stored, 8 deflated.
    var method: UInt16 {
        switch self {
        case .stored: return 0
        case .deflated: return 8
        }
    }
}

/// Writes a ZIP archive (PKWARE APPNOTE 6.3) to a sink, each entry stored or deflated.
///
/// Layout: for each entry a local file header then the data; then the central directory
/// and the end-of-central-directory record. The local header is written first with
/// CRC-32 and sizes set to zero, the data streams through (checksummed, and compressed
/// when the entry is deflated, on the way), and ``endEntry()`` patches the real values
/// into the header through ``ByteSink/patch(at:_:)``. No data descriptors (general purpose
/// bit 3) are used, so streaming readers that trust the local header accept the archive
/// too.
///
/// Deflated entries go through the system's zlib (``ZipCompression/deflated(level:)``);
/// memory stays constant (zlib's ~256 KiB state plus a 256 KiB output buffer per open
/// entry) whatever the entry's size.
///
/// Names are UTF-8 and flagged so (general purpose bit 11). Every entry carries the one
/// ``modified`` time given at creation, and nothing else varies, so the same calls give
/// byte-identical archives — for deflated entries, with the same zlib build (see
/// `Deflater`: another zlib release may compress the same bytes differently).
///
/// Limits: no ZIP64. An entry (compressed or not) or the archive may not reach 4 GiB
/// (`0xFFFFFFFF`, which readers take as "see the ZIP64 record") and there may be at most
/// 65 534 entries (`0xFFFF` likewise). The writer throws ``ZipError`` *before* writing the
/// bytes that would overflow, so it never produces a corrupt archive; the package stays
/// far below these limits. For a stored entry the writer stays usable after such an
/// error; for a deflated one zlib has already taken the bytes, so later calls throw
/// ``ZipError/failed``.
///
/// ```swift
/// var zip = ZipWriter(sink: BufferSink(), modified: time)
/// try zip.addEntry("a.txt", Array("hello".utf8))
/// try zip.beginEntry("big.csv", compression: .fast); try zip.write(chunk); try zip.endEntry()
/// try zip.finish()
/// let bytes = zip.sink.bytes
/// ```
public struct ZipWriter<Sink: ByteSink>: ByteOutput {
    /// The most entries one archive may hold without ZIP64.
    public static var maxEntries: Int { 0xFFFE }
    /// The largest entry, and the largest offset, without ZIP64.
    public static var maxSize: UInt64 { 0xFFFF_FFFE }

    /// Where the archive goes. A class sink (``FileSink``) is shared with the caller; a
    /// value sink (``BufferSink``) is read back from here after ``finish()``.
    public private(set) var sink: Sink
    /// The modification time stamped on every entry.
    public let modified: DOSDateTime

    private struct Entry {
        var name: [UInt8]
        var headerOffset: UInt64
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
    }

    private struct OpenEntry {
        var name: String
        var nameBytes: [UInt8]
        var headerOffset: UInt64
        var method: UInt16
        /// The compressor of a deflated entry compressed in line; `nil` otherwise.
        var deflater: Deflater?
        /// The compressor of a deflated entry compressed on a second thread; `nil` otherwise.
        var background: BackgroundDeflater?
        var crc = CRC32()
        /// Bytes given to ``write(_:)``.
        var size: UInt64 = 0
        /// Bytes written to the sink after the header.
        var compressedSize: UInt64 = 0
    }

    /// Where the archive starts in the sink: offsets in the archive are relative to it.
    private let base: UInt64
    private var entries: [Entry] = []
    private var names: Set<String> = []
    private var current: OpenEntry?
    private var isFinished = false
    /// Set when a deflated entry failed part-way; every later call throws ``ZipError/failed``.
    private var isBroken = false

    private static var utf8Flag: UInt16 { 1 << 11 }
    /// Version 2.0 of the specification; in the "made by" field, host 3 (Unix) so the
    /// external attributes carry a file mode.
    private static var versionNeeded: UInt16 { 20 }
    private static var versionMadeBy: UInt16 { 3 << 8 | 20 }
    /// A regular file, `rw-r--r--`, in the high 16 bits as Unix zip tools expect.
    private static var externalAttributes: UInt32 { 0o100644 << 16 }

    /// The size and offset limit in force: ``maxSize``, lowered by tests.
    private let sizeLimit: UInt64
    /// Whether deflated entries are compressed on a second thread.
    public let compressesInBackground: Bool

    /// Starts an archive at the sink's current offset.
    ///
    /// - Parameter compressesInBackground: checksum and deflate each deflated entry on a
    ///   second thread (``BackgroundDeflater``) while the caller produces the next chunk;
    ///   the sink is still written only from the caller's thread, and the bytes are the
    ///   same as without. Worth it for large entries on a machine with a spare core.
    public init(sink: Sink, modified: DOSDateTime, compressesInBackground: Bool = false) {
        self.init(
            sink: sink, modified: modified, sizeLimit: Self.maxSize, compressesInBackground: compressesInBackground)
    }

    /// An archive with a lower size limit, so tests can reach it without writing 4 GiB.
    init(sink: Sink, modified: DOSDateTime, sizeLimit: UInt64, compressesInBackground: Bool = false) {
        self.sink = sink
        self.modified = modified
        self.sizeLimit = min(sizeLimit, Self.maxSize)
        self.compressesInBackground = compressesInBackground
        base = sink.offset
    }

    /// Whether an entry has been begun and not ended.
    public var hasOpenEntry: Bool { current != nil }

    /// Begins a new entry named `name` (a relative path with `/` separators), stored or
    /// deflated.
    ///
    /// Names are checked, because the package puts submitted file names in the archive: not
    /// empty, at most 65 535 UTF-8 bytes, no NUL, no `\`, not absolute, no empty, `.` or `..`
    /// component, not ending in `/`, not already used.
    public mutating func beginEntry(_ name: String, compression: ZipCompression = .stored) throws {
        guard !isBroken else { throw ZipError.failed }
        guard !isFinished else { throw ZipError.finished }
        if let open = current { throw ZipError.entryStillOpen(open.name) }
        let nameBytes = Array(name.utf8)
        try Self.check(name: name, bytes: nameBytes)
        guard !names.contains(name) else { throw ZipError.duplicateName(name) }
        guard entries.count < Self.maxEntries else { throw ZipError.tooManyEntries }
        let headerOffset = sink.offset - base
        guard headerOffset + 30 + UInt64(nameBytes.count) <= sizeLimit else { throw ZipError.archiveTooLarge }

        var header = LittleEndianBytes(capacity: 30 + nameBytes.count)
        header.append(UInt32(0x0403_4B50))
        header.append(Self.versionNeeded)
        header.append(Self.utf8Flag)
        header.append(compression.method)
        header.append(modified.dosTime)
        header.append(modified.dosDate)
        header.append(UInt32(0))  // CRC-32, patched by endEntry
        header.append(UInt32(0))  // compressed size, patched
        header.append(UInt32(0))  // uncompressed size, patched
        header.append(UInt16(nameBytes.count))
        header.append(UInt16(0))  // extra field length
        header.bytes.append(contentsOf: nameBytes)
        var deflater: Deflater?
        var background: BackgroundDeflater?
        if case let .deflated(level) = compression {
            if compressesInBackground {
                background = try BackgroundDeflater(level: level)
            } else {
                deflater = try Deflater(level: level)
            }
        }
        try sink.write(header.bytes)
        names.insert(name)
        current = OpenEntry(
            name: name, nameBytes: nameBytes, headerOffset: headerOffset, method: compression.method,
            deflater: deflater,
            background: background)
    }

    /// Appends bytes to the open entry. Complexity: O(n) (checksum, and compression or copy).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try write(bytes, array: nil)
    }

    /// Appends the bytes of an array. For an entry compressed in the background the array
    /// itself goes to the compressor's queue, without a copy (the caller's next write to
    /// its own array then gets fresh storage, by copy-on-write).
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0, array: bytes) }
    }

    /// `bytes`, and when the caller has them as an array, that array.
    private mutating func write(_ bytes: UnsafeRawBufferPointer, array: [UInt8]?) throws {
        guard !isBroken else { throw ZipError.failed }
        guard !isFinished else { throw ZipError.finished }
        guard var open = current else { throw ZipError.noEntryOpen }
        guard !bytes.isEmpty else { return }
        let count = UInt64(bytes.count)
        guard open.size + count <= sizeLimit else { throw ZipError.entryTooLarge(open.name) }
        open.size += count
        if let background = open.background {
            // The queue checksums; the pieces it has finished are written here, in order.
            isBroken = true
            try background.submit(array ?? [UInt8](bytes))
            for piece in try background.takeReady() { try piece.withUnsafeBytes { try emit($0, entry: &open) } }
            isBroken = false
            current = open
            return
        }
        open.crc.update(bytes)
        if let deflater = open.deflater {
            isBroken = true  // until zlib's output is safely written
            try deflater.compress(bytes) { try emit($0, entry: &open) }
            isBroken = false
        } else {
            try emit(bytes, entry: &open)
        }
        current = open
    }

    /// Writes entry data (stored, or zlib's output) to the sink, within the limits.
    private mutating func emit(_ bytes: UnsafeRawBufferPointer, entry: inout OpenEntry) throws {
        let count = UInt64(bytes.count)
        guard entry.compressedSize + count <= sizeLimit else { throw ZipError.entryTooLarge(entry.name) }
        guard sink.offset - base + count <= sizeLimit else { throw ZipError.archiveTooLarge }
        try sink.write(bytes)
        entry.compressedSize += count
    }

    /// Ends the open entry: flushes its compressor, if any, and patches its CRC-32 and
    /// sizes into its local header.
    public mutating func endEntry() throws {
        guard !isBroken else { throw ZipError.failed }
        guard !isFinished else { throw ZipError.finished }
        guard var open = current else { throw ZipError.noEntryOpen }
        if let deflater = open.deflater {
            isBroken = true
            try deflater.finish { try emit($0, entry: &open) }
            isBroken = false
            open.deflater = nil
        }
        if let background = open.background {
            isBroken = true
            let (pieces, crc) = try background.finish()
            for piece in pieces { try piece.withUnsafeBytes { try emit($0, entry: &open) } }
            open.crc = CRC32(value: crc)
            isBroken = false
            open.background = nil
        }
        var fields = LittleEndianBytes(capacity: 12)
        fields.append(open.crc.value)
        fields.append(UInt32(open.compressedSize))
        fields.append(UInt32(open.size))
        try sink.patch(at: base + open.headerOffset + 14, fields.bytes)
        entries.append(
            Entry(
                name: open.nameBytes, headerOffset: open.headerOffset, method: open.method, crc: open.crc.value,
                compressedSize: UInt32(open.compressedSize), size: UInt32(open.size)))
        current = nil
    }

    /// Adds a whole entry in one call.
    public mutating func addEntry(
        _ name: String, _ bytes: some Collection<UInt8>, compression: ZipCompression = .stored
    ) throws {
        try beginEntry(name, compression: compression)
        try write(bytes)
        try endEntry()
    }

    /// Writes the central directory and the end record. The archive is complete after it;
    /// a sink that needs closing (``FileSink/finish()``) is closed by the caller.
    public mutating func finish() throws {
        guard !isBroken else { throw ZipError.failed }
        guard !isFinished else { throw ZipError.finished }
        if let open = current { throw ZipError.entryStillOpen(open.name) }
        let directoryOffset = sink.offset - base
        var directory = LittleEndianBytes(capacity: entries.count * 64)
        for entry in entries {
            directory.append(UInt32(0x0201_4B50))
            directory.append(Self.versionMadeBy)
            directory.append(Self.versionNeeded)
            directory.append(Self.utf8Flag)
            directory.append(entry.method)
            directory.append(modified.dosTime)
            directory.append(modified.dosDate)
            directory.append(entry.crc)
            directory.append(entry.compressedSize)
            directory.append(entry.size)
            directory.append(UInt16(entry.name.count))
            directory.append(UInt16(0))  // extra field length
            directory.append(UInt16(0))  // comment length
            directory.append(UInt16(0))  // disk number start
            directory.append(UInt16(0))  // internal attributes
            directory.append(Self.externalAttributes)
            directory.append(UInt32(entry.headerOffset))
            directory.bytes.append(contentsOf: entry.name)
        }
        let directorySize = UInt64(directory.bytes.count)
        guard directoryOffset <= sizeLimit, directorySize <= sizeLimit - directoryOffset else {
            throw ZipError.archiveTooLarge
        }
        directory.append(UInt32(0x0605_4B50))
        directory.append(UInt16(0))  // this disk
        directory.append(UInt16(0))  // disk with the central directory
        directory.append(UInt16(entries.count))
        directory.append(UInt16(entries.count))
        directory.append(UInt32(directorySize))
        directory.append(UInt32(directoryOffset))
        directory.append(UInt16(0))  // comment length
        try sink.write(directory.bytes)
        isFinished = true
    }

    private static func check(name: String, bytes: [UInt8]) throws {
        func refuse(_ reason: String) -> ZipError { .invalidName(name, reason: reason) }
        guard !bytes.isEmpty else { throw refuse("empty") }
        guard bytes.count <= 0xFFFF else { throw refuse("longer than 65 535 bytes") }
        guard !bytes.contains(0) else { throw refuse("contains NUL") }
        guard !bytes.contains(UInt8(ascii: "\\")) else { throw refuse("contains a backslash; use /") }
        guard bytes.first != UInt8(ascii: "/") else { throw refuse("absolute path") }
        guard bytes.last != UInt8(ascii: "/") else { throw refuse("ends with /") }
        for component in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty { throw refuse("empty path component") }
            if component.elementsEqual([UInt8(ascii: ".")]) || component.elementsEqual([0x2E, 0x2E]) {
                throw refuse("'.' or '..' path component")
            }
        }
    }
}

/// A byte buffer with little-endian integer appends, for ZIP's fixed-layout records.
struct LittleEndianBytes {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func append(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }
}
