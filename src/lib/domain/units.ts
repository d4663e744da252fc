/** A unit's name short enough for a chart axis: "Sở Y tế", "Xã Bản Bo", at most 28 characters. */
export function shortUnitName(unit: { name: string }): string {
	const name = unit.name.replace(/ tỉnh Lai Châu$/, '').replace(/^Ủy ban nhân dân /, 'UBND ');
	return name.length > 28 ? `${name.slice(0, 27).trimEnd()}…` : name;
}
