using Translations.Workbench.Localization;

namespace Translations.Workbench.SignIn;

/// <summary>The words of the sign-in page.</summary>
public sealed record SignInText(
    string Title,
    string DevelopmentNote,
    string Name,
    string Role,
    string Languages,
    string LanguagesHint,
    string SignIn,
    string NameRequired,
    string NameInvalid,
    string LanguagesRequired,
    string RoleInvalid,
    string LanguageInvalid,
    string NoKey,
    string UseAuthority)
{
    public static SignInText Current => InterfaceLanguage.Pick(English, Russian);

    public static readonly SignInText English = new(
        Title: "Sign in",
        DevelopmentNote: "Development sign-in: the token is signed with the service's local development key.",
        Name: "Name",
        Role: "Role",
        Languages: "Languages",
        LanguagesHint: "Comma-separated, e.g. en or en, ru: the languages a translator may write.",
        SignIn: "Sign in",
        NameRequired: "Enter a name: it is recorded as the author of your changes.",
        NameInvalid: "A name has at most 256 characters, without control characters or white space at either end.",
        LanguagesRequired: "A translator needs at least one language, e.g. en.",
        RoleInvalid: "\"{0}\" is not a role here: choose {1}.",
        LanguageInvalid: "\"{0}\" is not a language tag: write tags such as en or ru, separated by commas.",
        NoKey: "There is no development key yet: start the service once in Development (it creates {0}), or give both the same Auth__SigningKey, Auth__Issuer and Auth__Audience.",
        UseAuthority: "Sign-in goes through the organisation's sign-in page.");

    public static readonly SignInText Russian = new(
        Title: "Вход",
        DevelopmentNote: "Вход для разработки: токен подписан локальным ключом разработки сервиса.",
        Name: "Имя",
        Role: "Роль",
        Languages: "Языки",
        LanguagesHint: "Через запятую, например en или en, ru: языки, на которые переводчик может писать.",
        SignIn: "Войти",
        NameRequired: "Введите имя: оно записывается как автор ваших изменений.",
        NameInvalid: "Имя — не больше 256 символов, без управляющих символов и пробелов по краям.",
        LanguagesRequired: "Переводчику нужен хотя бы один язык, например en.",
        RoleInvalid: "«{0}» — здесь не роль: выберите {1}.",
        LanguageInvalid: "«{0}» — не код языка: пишите коды вроде en или ru через запятую.",
        NoKey: "Ключа разработки ещё нет: запустите сервис один раз в режиме Development (он создаст {0}) или задайте обоим одинаковые Auth__SigningKey, Auth__Issuer и Auth__Audience.",
        UseAuthority: "Вход выполняется через страницу входа организации.");
}
