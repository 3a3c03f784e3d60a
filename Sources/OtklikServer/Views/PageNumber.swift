/// The decimal separator of a page's language (the interface text's `lang`): a comma in Russian (`85,0 %`,
/// `[69,9; 97,2]`), a point otherwise. Applied to figures already written with a point (``KPIFigureFormat``,
/// ``Format``): every digit-point-digit becomes digit-comma-digit.
enum PageNumber {
    static func localised(_ written: String, text: [String: String]) -> String {
        guard text["lang"] == "ru", written.contains(".") else { return written }
        let characters = Array(written)
        var result = ""
        result.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            if character == ".", index > 0, index + 1 < characters.count, characters[index - 1].isNumber, characters[index + 1].isNumber {
                result.append(",")
            } else {
                result.append(character)
            }
        }
        return result
    }
}
