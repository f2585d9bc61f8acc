/// The bytes of a whole file in memory, at a fixed address for as long as anyone holds
/// them: the ZIP reader needs random access (the directory is at the end) and zlib reads
/// an entry's compressed bytes in place while the sheet streams.
///
/// Filled once by ``append(_:)`` and then only read. At most the file-size limit
/// (``IntakeLimits/maxFileBytes``, 64 MiB by default): the caller checks it as it reads.
final class ArchiveBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Adds `bytes` at the end, growing (doubling) as needed.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(count + bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// Counts `count` more bytes, written after ``count`` by the caller (into room made by
    /// ``reserve(_:)``).
    func didAppend(_ count: Int) {
        self.count += min(max(count, 0), capacity - self.count)
    }

    /// Makes room for `total` bytes in all.
    func reserve(_ total: Int) {
        guard total > capacity else { return }
        var grown = capacity
        while grown < total { grown *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = grown
    }

    /// The bytes read so far.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Little-endian integers at `offset`; the caller has checked the bounds.
    @inline(__always)
    func u16(_ offset: Int) -> Int { Int(base[offset]) | Int(base[offset + 1]) << 8 }

    @inline(__always)
    func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }

    @inline(__always)
    func u64(_ offset: Int) -> UInt64 { UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32 }
}
