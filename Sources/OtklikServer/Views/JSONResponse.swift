import Foundation
import Hummingbird

/// JSON answers with one encoder for the whole API: sorted keys, ISO-8601 times with milliseconds.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"cannot encode"}}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The API's one encoder (``APICoding``).
    static var encoder: JSONEncoder { APICoding.encoder }
}
