/** GetV2LoggingOptions and SetV2LoggingOptions: where ENABLE_IOT_LOGGING shows and LOGGING_DISABLED_CHECK looks. */
import { LogLevel } from '../../common/model';
import { invalidRequest, notConfigured } from '../errors';
import { compact, type Handler } from './operation';

export const getV2LoggingOptions: Handler = ({ state, input }) => {
  input.queryBool('verbose');
  const logging = state.logging;
  if (!logging) throw notConfigured('AWS IoT v2 logging has never been configured for this account; call SetV2LoggingOptions.');
  return compact({ roleArn: logging.roleArn, defaultLogLevel: logging.defaultLogLevel, disableAllLogs: logging.disableAllLogs });
};

export const setV2LoggingOptions: Handler = ({ state, input }) => {
  const roleArn = input.bodyString('roleArn');
  const defaultLogLevel = input.bodyString('defaultLogLevel', LogLevel);
  const disableAllLogs = input.bodyBool('disableAllLogs');
  const events = input.body.eventConfigurations;
  if (events !== undefined && events !== null && !Array.isArray(events)) throw invalidRequest("'eventConfigurations' must be a list.");
  const current = state.logging;
  state.logging = compact({
    roleArn: roleArn ?? current?.roleArn,
    defaultLogLevel: defaultLogLevel ?? current?.defaultLogLevel,
    disableAllLogs: disableAllLogs ?? false,
  });
  return undefined;
};
