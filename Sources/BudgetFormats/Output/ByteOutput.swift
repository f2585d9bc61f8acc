/// Somewhere bytes can be appended, in order: a file, a buffer, an entry of a ZIP archive.
///
/// The text writers (CSV, JSON, Markdown, HTML) need nothing more than this, so they can
/// stream straight into a ZIP entry as well as into a file. Writers that must go back and
/// fill in a field they could not know in advance (the ZIP writer) need a ``ByteSink``.
///
/// Conformers implement the one raw-buffer requirement; the extension adds the
/// conveniences (`[UInt8]`, `String`, any byte collection) on top of it.
public protocol ByteOutput {
    /// Appends `bytes`.
    ///
    /// A failure is an environment failure (disk full, closed file) and is thrown; nothing
    /// is promised about how much was written before it.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteOutput {
    /// Appends the bytes of an array.
    @inlinable
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends the UTF-8 encoding of `text`.
    @inlinable
    public mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends any collection of bytes (a slice, `String.UTF8View`, …).
    ///
    /// Contiguous collections are passed through without a copy; others are copied once.
    @inlinable
    public mutating func write(_ bytes: some Collection<UInt8>) throws {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            try write(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            try write(Array(bytes))
        }
    }
}
