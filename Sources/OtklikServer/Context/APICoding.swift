import Foundation
import OtklikCore

/// The HTTP API's JSON coding: Otklik's one ``WireJSON`` encoder and decoder (ISO-8601 dates with milliseconds).
/// ``AppRequestContext`` hands them to Hummingbird as its `responseEncoder` and `requestDecoder`; ``JSONResponse``
/// and ``JSONBody`` use the same instances, and webhook events (``Outbox``) too.
enum APICoding {
    static var encoder: JSONEncoder { WireJSON.encoder }
    static var decoder: JSONDecoder { WireJSON.decoder }
}
