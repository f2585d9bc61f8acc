/// Collects a form's text fields from multipart events and passes file parts on.
///
/// A form usually carries a few short fields and one or two files: the fields are wanted
/// as strings, the files as streams. Text parts are at most
/// ``MultipartLimits/maxFieldBytes`` (the parser enforces it), so holding them is bounded.
public struct MultipartTextFieldCollector: Sendable {
    /// The text fields completed so far, in order.
    public private(set) var fields = HTTPFormFields()
    private var current: (name: String, bytes: [UInt8])?
    private var inFile = false

    public init() {}

    /// Takes one event. Returns it if it belongs to a file part (its begin, data and end),
    /// for the caller to stream; returns nil if it was a text part's (collected) or `.end`.
    /// - Throws: ``MultipartError/invalidFieldText`` if a text field is not UTF-8.
    public mutating func take(_ event: MultipartEvent) throws(MultipartError) -> MultipartEvent? {
        switch event {
        case .partBegin(let head):
            inFile = head.isFile
            if !inFile { current = (head.name, []) }
            return inFile ? event : nil
        case .partData(let data):
            if inFile { return event }
            current?.bytes.append(contentsOf: data)
            return nil
        case .partEnd:
            if inFile {
                inFile = false
                return event
            }
            if let current {
                guard let value = HTTPBytes.validUTF8String(current.bytes) else { throw .invalidFieldText }
                fields.append(name: current.name, value: value)
            }
            current = nil
            return nil
        case .end:
            return nil
        }
    }
}
