# Says its one parameter aloud with Windows' built-in speech. coach runs this with -File,
# so the text arrives as a parameter and is never read as PowerShell code.
param([Parameter(Mandatory = $true)][string]$Text)
Add-Type -AssemblyName System.Speech
$voice = New-Object System.Speech.Synthesis.SpeechSynthesizer
$voice.Speak($Text)
