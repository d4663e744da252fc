/**
 * A unit's name for a chart axis: "Sở Y tế", "Xã Bản Bo" — never cut: a long name is given as
 * lines of at most `width` characters (chart.js draws an array label as several lines).
 */
export function chartUnitName(unit: { name: string }, width = 22): string | string[] {
	const name = unit.name.replace(/ tỉnh Lai Châu$/, '').replace(/^Ủy ban nhân dân /, 'UBND ');
	if (name.length <= width) return name;
	const lines: string[] = [];
	for (const word of name.split(' ')) {
		const last = lines.at(-1);
		if (last !== undefined && `${last} ${word}`.length <= width)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}
