// Staff names as the shipped configuration has them. No Node imports (the pages use it).

/**
 * The shipped config/staff.json names every post after its window ("3号窗口A岗", "12号窗口B岗") until the
 * centre enters its people's names. Such a name says nothing a resident can use (issue 24 ⑬): the window
 * displays show the window's name instead of it and its 工号.
 */
export function isPlaceholderStaffName(name: string): boolean {
  return /^\s*\d{1,3}\s*号窗口\s*[AB]\s*岗\s*$/.test(name);
}
