import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorridor, CORRIDOR_FILE, SOURCES_FILE } from '../../data/corridor/buildCorridor.js';
import { PUBLISHED_SCHEMAS, schemaText } from '../../data/writeSchemas.js';
import { loadNetwork } from '../../src/network/loadNetwork.js';

describe('the shipped corridor network', () => {
  it('should equal what data/corridor/buildCorridor.ts writes (run npm run build:network)', () => {
    const { geojson, sources } = buildCorridor();
    expect(readFileSync(CORRIDOR_FILE, 'utf8')).toBe(geojson);
    expect(readFileSync(SOURCES_FILE, 'utf8')).toBe(sources);
  });

  it('should publish JSON Schemas equal to their sources (run npm run build:schemas)', () => {
    for (const [file, schema] of Object.entries(PUBLISHED_SCHEMAS)) expect(readFileSync(file, 'utf8'), file).toBe(schemaText(schema));
  });

  it('should hold the crossings, routes and shelters the corridor literature names', () => {
    const network = loadNetwork(CORRIDOR_FILE);
    const has = (from: string, to: string, mode?: string) =>
      network.links.some((l) => ((l.from === from && l.to === to) || (l.from === to && l.to === from)) && (mode === undefined || l.mode === mode));
    // Every main crossing of the Guatemala and Belize borders, rafts on the Suchiate included.
    for (const [gt, mx, mode] of [
      ['tecun_uman', 'ciudad_hidalgo', 'river'],
      ['el_carmen_gt', 'talisman', undefined],
      ['la_mesilla', 'ciudad_cuauhtemoc', undefined],
      ['gracias_a_dios', 'carmen_xhan', undefined],
      ['el_ceibo_gt', 'el_ceibo', undefined],
      ['el_naranjo', 'el_ceibo', undefined],
      ['la_tecnica', 'frontera_corozal', 'river'],
      ['bethel', 'frontera_corozal', 'river'],
      ['santa_elena_bz', 'subteniente_lopez', undefined],
    ] as const) {
      expect(has(gt, mx, mode), `${gt}-${mx}`).toBe(true);
    }
    // The Pacific coastal route, the highland route, the rail lines and the Isthmus.
    const chains = [
      ['tapachula', 'huehuetan', 'huixtla', 'escuintla', 'mapastepec', 'pijijiapan', 'tonala', 'arriaga'],
      ['comitan', 'san_cristobal', 'chiapa_de_corzo', 'tuxtla'],
      ['arriaga', 'ixtepec', 'matias_romero', 'medias_aguas'],
      ['tenosique', 'palenque', 'coatzacoalcos', 'medias_aguas', 'tierra_blanca'],
      ['orizaba', 'puebla', 'apizaco', 'lecheria'],
    ];
    for (const chain of chains) for (let i = 1; i < chain.length; i++) expect(has(chain[i - 1], chain[i]), `${chain[i - 1]}-${chain[i]}`).toBe(true);
    for (const [a, b] of [['arriaga', 'ixtepec'], ['tenosique', 'palenque'], ['palenque', 'coatzacoalcos'], ['medias_aguas', 'tierra_blanca']]) {
      expect(has(a, b, 'rail'), `rail ${a}-${b}`).toBe(true);
    }
    const ids = new Set(network.places.map((p) => p.id));
    for (const id of ['salina_cruz', 'juchitan', 'ixtepec', 'matias_romero', 'coatzacoalcos', 'acayucan', 'villahermosa', 'escarcega', 'la_72', 'hermanos_en_el_camino', 'albergue_belen']) {
      expect(ids.has(id), id).toBe(true);
    }
    const countries = new Set(network.places.filter((p) => p.kind === 'origin').map((p) => p.country));
    expect([...countries].sort()).toEqual(['GTM', 'HND', 'SLV']);
    expect(network.places.some((p) => p.id === 'other_origin' && p.kind === 'origin')).toBe(true);
    // Remote alternatives: trails, Pacific boat legs from Puerto Madero, Usumacinta river legs.
    expect(network.links.filter((l) => l.mode === 'trail' && l.remote).length).toBeGreaterThanOrEqual(5);
    expect(has('puerto_chiapas', 'salina_cruz', 'sea')).toBe(true);
    expect(network.links.some((l) => l.mode === 'river' && l.remote && l.from === 'benemerito')).toBe(true);
  });

  it('should cite a source, or label an assumption, for every link and place', () => {
    const network = loadNetwork(CORRIDOR_FILE);
    for (const link of network.links) expect(link.source, link.id).toMatch(/\S/);
    for (const place of network.places) expect(place.source, place.id).toMatch(/\S/);
  });
});
