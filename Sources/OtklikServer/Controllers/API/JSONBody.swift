import Foundation
import Hummingbird
import OtklikCore

/// Reads a JSON request body with a size limit; a malformed body becomes a `DecodingError` that names the field.
enum JSONBody {
    static let limit = 8 * 1024 * 1024

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send JSON", field: "body") }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw OtklikError(.invalidInput, "send the body as application/json, not \(contentType)", field: "body")
        }
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}
