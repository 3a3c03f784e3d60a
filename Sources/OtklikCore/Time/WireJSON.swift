import Foundation

/// Otklik's one JSON encoder and decoder for everything it sends or receives (the HTTP API, webhook events):
/// every date is ISO-8601 in UTC with milliseconds (`2026-03-02T09:15:00.000Z`), keys are sorted, slashes are not
/// escaped and non-finite numbers are spelled out (`"inf"`, `"nan"`). The decoder reads any ISO-8601 time
/// ``Timestamp`` reads.
public enum WireJSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO-8601 time such as 2026-03-02T09:15:00Z")
            }
            return date
        }
        return decoder
    }()
}
