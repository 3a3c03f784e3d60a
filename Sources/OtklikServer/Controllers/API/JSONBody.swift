import Foundation
import Hummingbird
import OtklikCore

/// Reads a JSON request body through the request context's seams: its size limit (`maxUploadSize`; a larger body is
/// a 413) and its one decoder (`requestDecoder`, ISO-8601 dates). A malformed body becomes a `DecodingError` that
/// names the field.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let buffer = try await body(of: request, context: context)
        return try decodeNamingTheField(T.self, from: Data(buffer.readableBytesView), decoder: context.requestDecoder)
    }

    /// As `decode`, trying `fastPath` on the body's bytes first: a value it returns is the result, nil hands the body
    /// to `requestDecoder` — so a fast path must return nil for anything it would not decode exactly as the decoder
    /// does, and every error (and its message naming the field) still comes from the decoder.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: AppRequestContext, fastPath: (UnsafeRawBufferPointer) -> T?
    ) async throws -> T {
        let buffer = try await body(of: request, context: context)
        if let value = buffer.withUnsafeReadableBytes(fastPath) { return value }
        return try decodeNamingTheField(T.self, from: Data(buffer.readableBytesView), decoder: context.requestDecoder)
    }

    /// The decoder's answer; an error that names no field is given one when it can be found (``DecodingErrorLocator``).
    private static func decodeNamingTheField<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw DecodingErrorLocator.locate(error, in: data, as: T.self, decoder: decoder)
        }
    }

    /// The body within the route's limit, refused when empty or sent as anything but JSON.
    private static func body(of request: Request, context: AppRequestContext) async throws -> ByteBuffer {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send JSON", field: "body") }
        if let contentType = request.headers[.contentType], !contentType.lowercased().contains("json") {
            throw OtklikError(.invalidInput, "send the body as application/json, not \(contentType)", field: "body")
        }
        return buffer
    }
}
