import Foundation
import Hummingbird
import OtklikCore

/// Reads a JSON request body through the request context's seams: its size limit (`maxUploadSize`; a larger body is
/// a 413) and its one decoder (`requestDecoder`, ISO-8601 dates). A malformed body becomes a `DecodingError` that
/// names the field.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send JSON", field: "body") }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw OtklikError(.invalidInput, "send the body as application/json, not \(contentType)", field: "body")
        }
        return try context.requestDecoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
