using Translations.Workbench.Localization;

namespace Translations.Workbench.Layout;

/// <summary>The words of the header, the navigation and the pages every user may see.</summary>
public sealed record ShellText(
    string Product,
    string MainNavigation,
    string TranslationQueue,
    string ReviewQueue,
    string Releases,
    string SignOut,
    string SignedInAs,
    string InterfaceLanguageLabel,
    string SwitchLanguage,
    string NotFoundTitle,
    string NotFoundText,
    string NoAccessTitle,
    string NoAccessText,
    string ErrorTitle,
    string ErrorText,
    string TryAgain,
    string ServiceUnavailable,
    string SignInExpired,
    string SignInAgain,
    string PermissionDenied,
    string LiveStopped)
{
    public static ShellText Current => InterfaceLanguage.Pick(English, Russian);

    public static readonly ShellText English = new(
        Product: "Translations workbench",
        MainNavigation: "Main",
        TranslationQueue: "Translation queue",
        ReviewQueue: "Review queue",
        Releases: "Releases",
        SignOut: "Sign out",
        SignedInAs: "Signed in as",
        InterfaceLanguageLabel: "Interface language",
        SwitchLanguage: "Switch",
        NotFoundTitle: "Not found",
        NotFoundText: "There is no page at this address.",
        NoAccessTitle: "No access",
        NoAccessText: "Your account has no role the workbench serves (translator, editor or admin).",
        ErrorTitle: "Something went wrong",
        ErrorText: "The page could not be shown. Your sign-in is kept; try again.",
        TryAgain: "Try again",
        ServiceUnavailable: "The Translations service cannot be reached at the moment; try again shortly.",
        SignInExpired: "Your sign-in has expired.",
        SignInAgain: "Sign in again",
        PermissionDenied: "The service does not allow this for your account.",
        LiveStopped: "Live updates have stopped: reload the page to see changes.");

    public static readonly ShellText Russian = new(
        Product: "Рабочее место переводчика",
        MainNavigation: "Основная навигация",
        TranslationQueue: "Очередь перевода",
        ReviewQueue: "Очередь проверки",
        Releases: "Пресс-релизы",
        SignOut: "Выйти",
        SignedInAs: "Вы вошли как",
        InterfaceLanguageLabel: "Язык интерфейса",
        SwitchLanguage: "Переключить",
        NotFoundTitle: "Страница не найдена",
        NotFoundText: "По этому адресу страницы нет.",
        NoAccessTitle: "Нет доступа",
        NoAccessText: "У вашей учётной записи нет роли для рабочего места (переводчик, редактор или администратор).",
        ErrorTitle: "Что-то пошло не так",
        ErrorText: "Страницу не удалось показать. Вход сохранён; попробуйте ещё раз.",
        TryAgain: "Попробовать ещё раз",
        ServiceUnavailable: "Сервис переводов сейчас недоступен; попробуйте чуть позже.",
        SignInExpired: "Срок входа истёк.",
        SignInAgain: "Войти снова",
        PermissionDenied: "Сервис не разрешает это вашей учётной записи.",
        LiveStopped: "Обновления в реальном времени остановлены: перезагрузите страницу, чтобы увидеть изменения.");
}
