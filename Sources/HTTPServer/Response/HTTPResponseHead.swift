/// The bytes of a response's status line and header block.
///
/// Pure, so that what the server sends is tested without a socket: the handler's fields
/// first (minus the ones the server owns), then `Content-Length`, `Connection` and `Date`.
enum HTTPResponseHead {
    /// Fields a handler may not set: the server frames every response itself.
    static let serverOwnedFields: Set<String> = [
        "content-length", "connection", "date", "transfer-encoding", "keep-alive",
    ]

    /// How the connection continues after the response, as the `Connection` field says it.
    enum Persistence: Equatable {
        /// HTTP/1.1 keeps the connection without a field.
        case keepAlive
        /// An HTTP/1.0 client asked for keep-alive and must be told it was granted.
        case keepAliveHTTP10
        case close
    }

    /// The head; `contentLength` nil for a close-framed body; 204, 304 and 1xx never get one.
    static func serialize(
        status: HTTPStatus, headers: HTTPHeaders, contentLength: Int64?, persistence: Persistence, date: String
    ) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for field in headers where !serverOwnedFields.contains(field.name.asciiLowercased) {
            text += "\(field.name): \(field.value)\r\n"
        }
        if let contentLength, !status.forbidsContent {
            text += "Content-Length: \(contentLength)\r\n"
        }
        switch persistence {
        case .keepAlive: break
        case .keepAliveHTTP10: text += "Connection: keep-alive\r\n"
        case .close: text += "Connection: close\r\n"
        }
        text += "Date: \(date)\r\n\r\n"
        return Array(text.utf8)
    }

    /// True if the status line and fields can be sent as they are (see ``HTTPResponse``).
    static func isSafe(status: HTTPStatus, headers: HTTPHeaders) -> Bool {
        (200...599).contains(status.code) && status.reasonPhrase.utf8.allSatisfy(HTTPBytes.isFieldValueByte)
            && headers.areSafeToSend
    }
}
