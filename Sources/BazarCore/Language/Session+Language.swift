/// `set language id|en`, and `set language` alone to show it.
extension Session {
    func setLanguage(_ cmd: ParsedCommand) -> Outcome {
        if let word = cmd.text("language"), let language = Language(word: word) {
            settings.language = language
            return .nothing   // quiet, as every `set` is (a start-up file sets it each time)
        }
        return .message(Phrase.languageIs.say(in: settings.language, ["language": settings.language.rawValue]))
    }
}
