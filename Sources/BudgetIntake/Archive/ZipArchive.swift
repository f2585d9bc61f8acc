/// One entry of a ZIP archive's central directory.
struct ZipEntry: Sendable, Equatable {
    /// The name as stored (UTF-8; names are matched ASCII case-insensitively, as OPC
    /// part names are).
    var name: String
    /// 0 stored, 8 deflated; anything else is refused when the entry is opened.
    var method: Int
    /// The general-purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor, bit 6
    /// strong encryption, bit 11 UTF-8 name.
    var flags: Int
    var crc: UInt32
    var compressedSize: Int
    /// The uncompressed size the directory declares; reading checks the data against it.
    var size: Int
    /// Where the entry's local header starts.
    var headerOffset: Int

    var isEncrypted: Bool { flags & 0x41 != 0 }
}

/// A ZIP archive read from memory (PKWARE APPNOTE 6.3): the end record, the central
/// directory, and each entry's local header when the entry is opened.
///
/// The central directory is the authority (sizes and CRC-32 included), so entries written
/// with data descriptors (flag bit 3, zero sizes in the local header) read like any other.
/// ZIP64 is read — its end record and locator and the 0x0001 extra field — since the
/// archive is in memory and bounded by the file-size limit, the 64-bit fields cost nothing
/// and some writers emit them for small files too. Split archives are refused.
///
/// Everything is bounds-checked against the file: a damaged or hostile archive gives a
/// ``WorkbookProblem``, never a read outside it.
struct ZipArchive {
    /// The most entries accepted: a workbook has a few dozen parts.
    static let maxEntries = 65_536

    let bytes: ArchiveBytes
    let entries: [ZipEntry]
    /// Lower-cased (ASCII) name → index in ``entries``.
    private let byName: [String: Int]

    private static let endSignature = 0x0605_4B50
    private static let zip64EndSignature = 0x0606_4B50
    private static let zip64LocatorSignature = 0x0706_4B50
    private static let centralSignature = 0x0201_4B50
    private static let localSignature = 0x0403_4B50

    init(_ bytes: ArchiveBytes) throws(WorkbookProblem) {
        self.bytes = bytes
        let end = try Self.findEnd(bytes)
        var disk = bytes.u16(end + 4)
        var directoryDisk = bytes.u16(end + 6)
        var entryCount = UInt64(bytes.u16(end + 10))
        var directorySize = UInt64(bytes.u32(end + 12))
        var directoryOffset = UInt64(bytes.u32(end + 16))
        /// Where the directory must end: the ZIP64 end record, or the end record.
        var directoryLimit = end
        if end >= 20, bytes.u32(end - 20) == Self.zip64LocatorSignature {
            let record64 = bytes.u64(end - 20 + 8)
            guard record64 <= UInt64(end - 20), end - 20 - Int(record64) >= 56,
                bytes.u32(Int(record64)) == Self.zip64EndSignature
            else { throw .damaged("the ZIP64 end record is missing or misplaced") }
            let at = Int(record64)
            disk = bytes.u32(at + 16)
            directoryDisk = bytes.u32(at + 20)
            entryCount = bytes.u64(at + 32)
            directorySize = bytes.u64(at + 40)
            directoryOffset = bytes.u64(at + 48)
            directoryLimit = at
        } else if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw .damaged("the ZIP end record points to a ZIP64 record that is not there")
        }
        guard disk == 0, directoryDisk == 0 else { throw .unsupported("a split (multi-volume) ZIP archive") }
        guard directoryOffset <= UInt64(directoryLimit), directorySize <= UInt64(directoryLimit) - directoryOffset
        else { throw .damaged("the ZIP directory lies outside the file (cut short?)") }
        guard entryCount <= UInt64(Self.maxEntries) else {
            throw .tooLarge("\(entryCount) ZIP entries (at most \(Self.maxEntries))")
        }
        guard entryCount * 46 <= directorySize else {
            throw .damaged("the ZIP directory is too small for its \(entryCount) entries")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(entryCount))
        var byName: [String: Int] = [:]
        var at = Int(directoryOffset)
        let directoryEnd = at + Int(directorySize)
        for _ in 0..<Int(entryCount) {
            let entry = try Self.centralEntry(bytes, at: &at, end: directoryEnd)
            let key = Self.key(entry.name)
            guard byName[key] == nil else { throw .damaged("two ZIP entries are named \(entry.name)") }
            byName[key] = entries.count
            entries.append(entry)
        }
        self.entries = entries
        self.byName = byName
    }

    /// The entry named `name` (ASCII case-insensitively), if any.
    func entry(_ name: String) -> ZipEntry? { byName[Self.key(name)].map { entries[$0] } }

    /// The range of `entry`'s compressed data, after checking its local header.
    func dataRange(of entry: ZipEntry) throws(WorkbookProblem) -> Range<Int> {
        let at = entry.headerOffset
        guard at <= bytes.count - 30, bytes.u32(at) == Self.localSignature else {
            throw .damaged("\(entry.name): no local header where the directory says")
        }
        let nameLength = bytes.u16(at + 26)
        let start = at + 30 + nameLength + bytes.u16(at + 28)
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw .damaged("\(entry.name): the data is cut short")
        }
        let localName = UnsafeBufferPointer(start: bytes.base + at + 30, count: nameLength)
        guard String(decoding: localName, as: UTF8.self) == entry.name else {
            throw .damaged("\(entry.name): the local header names another entry")
        }
        return start..<(start + entry.compressedSize)
    }

    /// ASCII lower case, for matching names as OPC does.
    static func key(_ name: String) -> String {
        guard name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// The offset of the end-of-central-directory record: searched backwards from the end
    /// over at most a 64 KiB comment. A record whose comment ends exactly at the end of
    /// the file wins; else the last one whose comment fits (bytes appended after an archive).
    private static func findEnd(_ bytes: ArchiveBytes) throws(WorkbookProblem) -> Int {
        let count = bytes.count
        guard count >= 22 else { throw .damaged("the file is cut short (no ZIP directory at its end)") }
        var fallback: Int? = nil
        var at = count - 22
        let lowest = max(0, count - 22 - 0xFFFF)
        while at >= lowest {
            if bytes.base[at] == 0x50, bytes.u32(at) == endSignature {
                let commentEnd = at + 22 + bytes.u16(at + 20)
                if commentEnd == count { return at }
                if commentEnd < count, fallback == nil { fallback = at }
            }
            at -= 1
        }
        if let fallback { return fallback }
        throw .damaged("the file is cut short (no ZIP directory at its end)")
    }

    /// Reads the central directory entry at `at` and moves `at` past it.
    private static func centralEntry(
        _ bytes: ArchiveBytes, at: inout Int, end: Int
    ) throws(WorkbookProblem) -> ZipEntry {
        guard end - at >= 46, bytes.u32(at) == centralSignature else {
            throw .damaged("a ZIP directory entry is damaged")
        }
        let nameLength = bytes.u16(at + 28)
        let extraLength = bytes.u16(at + 30)
        let commentLength = bytes.u16(at + 32)
        let next = at + 46 + nameLength + extraLength + commentLength
        guard next <= end else { throw .damaged("a ZIP directory entry runs past the directory") }
        let nameBytes = UnsafeBufferPointer(start: bytes.base + at + 46, count: nameLength)
        guard !nameBytes.contains(0) else { throw .damaged("a ZIP entry name holds a NUL byte") }
        var entry = ZipEntry(
            name: String(decoding: nameBytes, as: UTF8.self), method: bytes.u16(at + 10),
            flags: bytes.u16(at + 8), crc: UInt32(truncatingIfNeeded: bytes.u32(at + 16)),
            compressedSize: bytes.u32(at + 20), size: bytes.u32(at + 24), headerOffset: bytes.u32(at + 42))
        let diskStart = bytes.u16(at + 34)
        if entry.size == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF || entry.headerOffset == 0xFFFF_FFFF
            || diskStart == 0xFFFF
        {
            try readZip64Extra(
                bytes, from: at + 46 + nameLength, count: extraLength, into: &entry, diskStart: diskStart)
        }
        at = next
        return entry
    }

    /// Fills the fields set to their ZIP64 marker from the entry's 0x0001 extra field,
    /// which holds, in order, only those that are marked.
    private static func readZip64Extra(
        _ bytes: ArchiveBytes, from start: Int, count: Int, into entry: inout ZipEntry, diskStart: Int
    ) throws(WorkbookProblem) {
        var at = start
        let end = start + count
        while end - at >= 4 {
            let id = bytes.u16(at)
            let size = bytes.u16(at + 2)
            let data = at + 4
            guard size <= end - data else { break }
            if id == 0x0001 {
                var field = data
                func next() throws(WorkbookProblem) -> Int {
                    guard data + size - field >= 8 else {
                        throw .damaged("\(entry.name): the ZIP64 extra field is too short")
                    }
                    let value = bytes.u64(field)
                    field += 8
                    // Nothing in a file of at most the size limit can be this large.
                    guard value < 1 << 48 else { throw .damaged("\(entry.name): a ZIP64 size is out of range") }
                    return Int(value)
                }
                if entry.size == 0xFFFF_FFFF { entry.size = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.headerOffset == 0xFFFF_FFFF { entry.headerOffset = try next() }
                if diskStart == 0xFFFF {
                    guard data + size - field >= 4, bytes.u32(field) == 0 else {
                        throw .unsupported("a split (multi-volume) ZIP archive")
                    }
                }
                return
            }
            at = data + size
        }
        throw .damaged("\(entry.name): ZIP64 sizes without a ZIP64 extra field")
    }
}
