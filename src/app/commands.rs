//! Every command with a key: its shortcut, what the menu calls it, and what
//! it asks for, in one table, so the keys pressed, the menus' shortcut texts
//! and the help agree. Shortcuts are shown the way the platform writes them
//! (⌘O on macOS, Ctrl+O elsewhere), by egui's `format_shortcut`.

use eframe::egui::{Context, Key, KeyboardShortcut, Modifiers};

use super::intent::{Intent, Toggle};
use super::time_control::TimeCommand;

/// A command with a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Open,
    Reload,
    Quit,
    PreviousEventDay,
    NextEventDay,
    DayBack,
    DayForward,
    PlayPause,
    FirstDay,
    LastDay,
    FitToData,
    ZoomIn,
    ZoomInEquals,
    ZoomOut,
    Labels,
}

impl Command {
    /// Every command, in the order keys are tried.
    pub const ALL: [Command; 15] = [
        Command::Open,
        Command::Reload,
        Command::Quit,
        Command::PreviousEventDay,
        Command::NextEventDay,
        Command::DayBack,
        Command::DayForward,
        Command::PlayPause,
        Command::FirstDay,
        Command::LastDay,
        Command::FitToData,
        Command::ZoomIn,
        Command::ZoomInEquals,
        Command::ZoomOut,
        Command::Labels,
    ];

    pub fn shortcut(self) -> KeyboardShortcut {
        let (modifiers, key) = match self {
            Command::Open => (Modifiers::COMMAND, Key::O),
            Command::Reload => (Modifiers::COMMAND, Key::R),
            Command::Quit => (Modifiers::COMMAND, Key::Q),
            Command::PreviousEventDay => (Modifiers::SHIFT, Key::ArrowLeft),
            Command::NextEventDay => (Modifiers::SHIFT, Key::ArrowRight),
            Command::DayBack => (Modifiers::NONE, Key::ArrowLeft),
            Command::DayForward => (Modifiers::NONE, Key::ArrowRight),
            Command::PlayPause => (Modifiers::NONE, Key::Space),
            Command::FirstDay => (Modifiers::NONE, Key::Home),
            Command::LastDay => (Modifiers::NONE, Key::End),
            Command::FitToData => (Modifiers::NONE, Key::F),
            Command::ZoomIn => (Modifiers::NONE, Key::Plus),
            Command::ZoomInEquals => (Modifiers::NONE, Key::Equals),
            Command::ZoomOut => (Modifiers::NONE, Key::Minus),
            Command::Labels => (Modifiers::NONE, Key::L),
        };
        KeyboardShortcut::new(modifiers, key)
    }

    /// What the menus and the help call it.
    pub fn label(self) -> &'static str {
        match self {
            Command::Open => "Open…",
            Command::Reload => "Reload",
            Command::Quit => "Quit",
            Command::PreviousEventDay => "Previous day with events",
            Command::NextEventDay => "Next day with events",
            Command::DayBack => "One day back",
            Command::DayForward => "One day forward",
            Command::PlayPause => "Play or pause",
            Command::FirstDay => "First day",
            Command::LastDay => "Last day",
            Command::FitToData => "Fit to data",
            Command::ZoomIn | Command::ZoomInEquals => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::Labels => "Labels",
        }
    }

    pub fn intent(self) -> Intent {
        match self {
            Command::Open => Intent::OpenDialog(None),
            Command::Reload => Intent::Reload,
            Command::Quit => Intent::Quit,
            Command::PreviousEventDay => Intent::Time(TimeCommand::PreviousEventDay),
            Command::NextEventDay => Intent::Time(TimeCommand::NextEventDay),
            Command::DayBack => Intent::Time(TimeCommand::StepDays(-1)),
            Command::DayForward => Intent::Time(TimeCommand::StepDays(1)),
            Command::PlayPause => Intent::Time(TimeCommand::TogglePlay),
            Command::FirstDay => Intent::Time(TimeCommand::First),
            Command::LastDay => Intent::Time(TimeCommand::Last),
            Command::FitToData => Intent::FitToData,
            Command::ZoomIn | Command::ZoomInEquals => Intent::ZoomIn,
            Command::ZoomOut => Intent::ZoomOut,
            Command::Labels => Intent::Toggle(Toggle::Labels),
        }
    }

    /// Whether the key still acts while a text field has the keyboard: only
    /// those with a modifier, which typing never produces.
    fn acts_while_typing(self) -> bool {
        self.shortcut().modifiers.command
    }

    /// The shortcut as this platform writes it, for a menu item.
    pub fn shortcut_text(self, ctx: &Context) -> String {
        ctx.format_shortcut(&self.shortcut())
    }
}

/// The commands whose keys were pressed this frame, each key consumed. Day
/// keys only act when no text field has the keyboard.
pub fn pressed(ctx: &Context) -> Vec<Intent> {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|input| {
        let mut intents: Vec<Intent> = Command::ALL
            .into_iter()
            .filter(|command| !typing || command.acts_while_typing())
            .filter(|command| input.consume_shortcut(&command.shortcut()))
            .map(Command::intent)
            .collect();
        // Not consumed: Escape also closes menus and popups.
        if !typing && input.key_pressed(Key::Escape) {
            intents.push(Intent::Select(None));
        }
        intents
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_one_commands_and_shift_arrows_are_tried_before_plain_ones() {
        let mut seen = std::collections::HashSet::new();
        for command in Command::ALL {
            let shortcut = command.shortcut();
            assert!(
                seen.insert((shortcut.modifiers, shortcut.logical_key)),
                "{command:?} shares its key"
            );
        }
        // `consume_shortcut` matches a plain arrow with Shift held too: the
        // Shift ones must be consumed first.
        let at = |c| Command::ALL.iter().position(|&x| x == c);
        assert!(at(Command::NextEventDay) < at(Command::DayForward));
        assert!(at(Command::PreviousEventDay) < at(Command::DayBack));
        assert_eq!(Command::Open.shortcut_text(&Context::default()), "Ctrl+O");
    }
}
