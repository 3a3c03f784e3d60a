import Foundation

/// A file attached to an e-mail: its name as the recipient sees it, its media type and its bytes.
public struct MailAttachment: Sendable, Equatable {
    public var fileName: String
    public var contentType: String
    public var data: Data

    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}
